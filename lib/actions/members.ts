"use server";

import { revalidatePath } from "next/cache";
import { addMember, changeMemberRole, removeMember } from "../members/service";
import { field, runAction } from "./run";
import type { ActionState } from "./state";

export async function addMemberAction(
  slug: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("addMember", async (actor) => {
    const added = await addMember(actor, slug, {
      email: field(form, "email") ?? "",
      name: field(form, "name"),
      role: field(form, "role") as never,
    });
    revalidatePath(`/tenants/${slug}/members`);
    return added.initialPassword
      ? {
          message: `Added ${added.email}. Give them this initial password; it is shown only once.`,
          secret: added.initialPassword,
        }
      : { message: `Added ${added.email}, who already has an account.` };
  });
}

export async function changeRoleAction(
  slug: string,
  userId: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("changeRole", async (actor) => {
    await changeMemberRole(actor, slug, { userId, role: field(form, "role") as never });
    revalidatePath(`/tenants/${slug}/members`);
    return { message: "Role changed." };
  });
}

export async function removeMemberAction(
  slug: string,
  userId: string,
  _prev: ActionState,
): Promise<ActionState> {
  return runAction("removeMember", async (actor) => {
    await removeMember(actor, slug, userId);
    revalidatePath(`/tenants/${slug}/members`);
    return { message: "Member removed." };
  });
}
