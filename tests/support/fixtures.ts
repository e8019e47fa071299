import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { insertUser } from "@/lib/db/users";
import type { Role } from "@/lib/db/generated/enums";
import { addMember } from "@/lib/members/service";
import { createTenant } from "@/lib/tenants/service";
import { createApiToken, authenticateToken } from "@/lib/tokens/service";

export type UserActor = Extract<Actor, { type: "user" }>;

export const uniqueSlug = (prefix = "t") => `${prefix}-${crypto.randomBytes(4).toString("hex")}`;

export async function instanceAdmin(): Promise<UserActor> {
  const prisma = await db();
  const email = `admin-${crypto.randomBytes(4).toString("hex")}@example.test`;
  const user = await insertUser(prisma, {
    email,
    name: "Admin",
    passwordHash: "unused",
    isAdmin: true,
  });
  return { type: "user", userId: user.id, email: user.email, isAdmin: true };
}

export async function seedTenant(admin: Actor, slug = uniqueSlug()) {
  return createTenant(admin, { slug, name: `Tenant ${slug}` });
}

export async function memberWithRole(admin: Actor, slug: string, role: Role): Promise<UserActor> {
  const email = `${role}-${crypto.randomBytes(4).toString("hex")}@example.test`;
  const added = await addMember(admin, slug, { email, role });
  return { type: "user", userId: added.userId, email, isAdmin: false };
}

export async function tokenActor(admin: Actor, slug: string, scopes: string[]): Promise<Actor> {
  const name = `svc-${scopes.join("-")}-${crypto.randomBytes(3).toString("hex")}`;
  const created = await createApiToken(admin, slug, { name, scopes });
  const actor = await authenticateToken(created.token, null);
  if (!actor) throw new Error("token did not authenticate");
  return actor;
}

/** Runs a promise and reports how it ended, for tables of expected outcomes. */
export async function outcome(work: Promise<unknown>): Promise<"ok" | string> {
  try {
    await work;
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? `unexpected: ${(error as Error).message}`;
  }
}
