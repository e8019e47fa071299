import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { generatePassword, hashPassword } from "../auth/passwords";
import type { Role } from "../db/generated/enums";
import {
  countAdmins,
  deleteMember,
  findMember,
  insertMember,
  listMembers,
  updateMemberRole,
} from "../db/members";
import { findUserByEmail, insertUser } from "../db/users";
import { conflict, notFound } from "../errors";
import { mutateTenant } from "../operations/mutate";

export const roles = [
  "admin",
  "key_manager",
  "auditor",
  "viewer",
] as const satisfies readonly Role[];

export const addMemberInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  name: z.string().trim().max(120).optional(),
  role: z.enum(roles, { message: "Choose a role." }),
});

export const changeRoleInput = z.object({
  userId: z.string().uuid("Unknown member."),
  role: z.enum(roles, { message: "Choose a role." }),
});

const MEMBER_NOT_FOUND = "Member not found.";

export interface AddedMember {
  userId: string;
  email: string;
  role: Role;
  /** Set only when the account was created now: shown once, never stored in clear. */
  initialPassword: string | null;
}

export async function addMember(
  actor: Actor,
  slug: string,
  raw: z.input<typeof addMemberInput>,
): Promise<AddedMember> {
  const input = addMemberInput.parse(raw);
  await authorizeTenant(actor, slug, "tenant.manage", "member.added");
  // Hashing is deliberately slow; do it before taking the tenant lock.
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);

  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "member.added" },
    async ({ tx, tenant }) => {
      let user = await findUserByEmail(tx, input.email);
      const created = !user;
      user ??= await insertUser(tx, {
        email: input.email,
        name: input.name || input.email,
        passwordHash,
      });
      if (await findMember(tx, tenant.id, user.id))
        throw conflict(`${input.email} is already a member of this tenant.`);
      await insertMember(tx, tenant.id, user.id, input.role);
      return {
        result: {
          userId: user.id,
          email: user.email,
          role: input.role,
          initialPassword: created ? initialPassword : null,
        },
        audit: {
          targetType: "member",
          targetId: user.id,
          details: { email: user.email, role: input.role, accountCreated: created },
        },
      };
    },
  );
}

async function assertKeepsAnAdmin(
  tx: Parameters<typeof countAdmins>[0],
  tenantId: string,
  currentRole: Role,
) {
  if (currentRole === "admin" && (await countAdmins(tx, tenantId)) <= 1) {
    throw conflict("A tenant needs at least one admin. Make someone else admin first.");
  }
}

export async function changeMemberRole(
  actor: Actor,
  slug: string,
  raw: z.input<typeof changeRoleInput>,
) {
  const input = changeRoleInput.parse(raw);
  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "member.role_changed" },
    async ({ tx, tenant }) => {
      const member = await findMember(tx, tenant.id, input.userId);
      if (!member) throw notFound(MEMBER_NOT_FOUND);
      if (member.role !== input.role && input.role !== "admin")
        await assertKeepsAnAdmin(tx, tenant.id, member.role);
      await updateMemberRole(tx, tenant.id, input.userId, input.role);
      return {
        result: { userId: input.userId, role: input.role },
        audit: {
          targetType: "member",
          targetId: input.userId,
          details: { email: member.user.email, from: member.role, to: input.role },
        },
      };
    },
  );
}

export async function removeMember(actor: Actor, slug: string, userId: string) {
  const id = z.string().uuid().safeParse(userId);
  if (!id.success) throw notFound(MEMBER_NOT_FOUND);
  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "member.removed" },
    async ({ tx, tenant }) => {
      const member = await findMember(tx, tenant.id, id.data);
      if (!member) throw notFound(MEMBER_NOT_FOUND);
      await assertKeepsAnAdmin(tx, tenant.id, member.role);
      await deleteMember(tx, tenant.id, id.data);
      return {
        result: { userId: id.data },
        audit: {
          targetType: "member",
          targetId: id.data,
          details: { email: member.user.email, role: member.role },
        },
      };
    },
  );
}

export async function listTenantMembers(actor: Actor, slug: string) {
  const access = await authorizeTenant(actor, slug, "tenant.manage", "member.listed");
  return { ...access, members: await listMembers(access.tenant.id) };
}
