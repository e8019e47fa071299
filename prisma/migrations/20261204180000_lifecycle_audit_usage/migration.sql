-- AlterTable
ALTER TABLE "keys" ADD COLUMN     "can_sign" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "certificate_chain" TEXT[],
ADD COLUMN     "destroy_after" TIMESTAMPTZ(3),
ADD COLUMN     "destroy_approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "destroy_approved_by" TEXT,
ADD COLUMN     "destroy_requested_by" TEXT,
ADD COLUMN     "destroyed_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_used_at" TIMESTAMPTZ(3),
ADD COLUMN     "modulus_length" INTEGER,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'generated',
ADD COLUMN     "state_before_destroy" "KeyState",
ADD COLUMN     "x5t_s256" TEXT;

-- CreateTable
CREATE TABLE "rotation_policies" (
    "tenant_id" UUID NOT NULL,
    "use" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "rotate_every_days" INTEGER NOT NULL,
    "keep_staged" BOOLEAN NOT NULL DEFAULT true,
    "auto_unpublish" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rotation_policies_pkey" PRIMARY KEY ("tenant_id","use","alg")
);

-- CreateTable
CREATE TABLE "system_keys" (
    "id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_ciphertext" BYTEA NOT NULL,
    "kek_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "id" BIGSERIAL NOT NULL,
    "head_id" BIGINT NOT NULL,
    "head_hash" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "kid" TEXT NOT NULL,
    "jws" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_counters" (
    "tenant_id" UUID NOT NULL,
    "key_id" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "ua_family" TEXT NOT NULL DEFAULT '',
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "usage_counters_pkey" PRIMARY KEY ("tenant_id","key_id","kind","ua_family","minute")
);

-- CreateIndex
CREATE UNIQUE INDEX "system_keys_kid_key" ON "system_keys"("kid");

-- CreateIndex
CREATE INDEX "system_keys_purpose_created_at_idx" ON "system_keys"("purpose", "created_at");

-- CreateIndex
CREATE INDEX "audit_checkpoints_created_at_idx" ON "audit_checkpoints"("created_at");

-- CreateIndex
CREATE INDEX "usage_counters_tenant_id_minute_idx" ON "usage_counters"("tenant_id", "minute");

-- AddForeignKey
ALTER TABLE "rotation_policies" ADD CONSTRAINT "rotation_policies_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
