-- Audit search at scale: every filter of the audit page has an index that leads with the
-- tenant and ends with id, so a keyset page (ORDER BY id DESC LIMIT n) reads n rows.

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_action_id_idx" ON "audit_events"("tenant_id", "action", "id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_actor_label_id_idx" ON "audit_events"("tenant_id", "actor_label", "id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_actor_id_id_idx" ON "audit_events"("tenant_id", "actor_id", "id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_outcome_id_idx" ON "audit_events"("tenant_id", "outcome", "id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_created_at_idx" ON "audit_events"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_checkpoints_head_id_idx" ON "audit_checkpoints"("head_id");

-- Not expressible in the Prisma schema: free-text search over the string, number and
-- boolean values of details (lib/db/audit-events.ts queries this exact expression).
CREATE INDEX "audit_events_details_search_idx" ON "audit_events"
  USING gin (jsonb_to_tsvector('simple'::regconfig, "details", '["string", "numeric", "boolean"]'::jsonb));
