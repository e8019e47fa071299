"use server";

import { revalidatePath } from "next/cache";
import { generateKey, revokeKey, rotateSlot } from "../keys/service";
import { field, runAction } from "./run";
import type { ActionState } from "./state";

export async function generateKeyAction(
  slug: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("generateKey", async (actor) => {
    const key = await generateKey(actor, slug, {
      alg: field(form, "alg") as never,
      modulusLength: field(form, "modulusLength") as never,
    });
    revalidatePath(`/tenants/${slug}`);
    return { message: `Generated ${key.alg} key ${key.kid.slice(0, 12)}… — it is ${key.state}.` };
  });
}

export async function rotateSlotAction(
  slug: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("rotateSlot", async (actor) => {
    const { active, retired } = await rotateSlot(actor, slug, {
      alg: field(form, "alg") as never,
      emergency: form.get("emergency") === "on",
      reason: field(form, "reason"),
    });
    revalidatePath(`/tenants/${slug}`);
    const retiredText = retired
      ? `; ${retired.kid.slice(0, 12)}… is retired and still published`
      : "";
    return {
      message: `${active.kid.slice(0, 12)}… is now the active ${active.alg} key${retiredText}.`,
    };
  });
}

export async function revokeKeyAction(
  slug: string,
  kid: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("revokeKey", async (actor) => {
    await revokeKey(actor, slug, kid, {
      reason: field(form, "reason") as never,
      note: field(form, "note"),
    });
    revalidatePath(`/tenants/${slug}`);
    revalidatePath(`/tenants/${slug}/keys/${kid}`);
    return { message: "Key revoked. It is no longer in the JWKS." };
  });
}
