"use server";

import { revalidatePath } from "next/cache";
import { approveDestruction, cancelDestruction, scheduleDestruction } from "../keys/destruction";
import { activateKey, unpublishKey } from "../keys/lifecycle";
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

function revalidateKey(slug: string, kid: string) {
  revalidatePath(`/tenants/${slug}`);
  revalidatePath(`/tenants/${slug}/keys/${kid}`);
}

export async function activateKeyAction(
  slug: string,
  kid: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("activateKey", async (actor) => {
    const { retired } = await activateKey(actor, slug, kid, {
      emergency: form.get("emergency") === "on",
      reason: field(form, "reason"),
    });
    revalidateKey(slug, kid);
    const retiredText = retired
      ? ` ${retired.kid.slice(0, 12)}… is retired and still published.`
      : "";
    return { message: `This key is now active.${retiredText}` };
  });
}

export async function unpublishKeyAction(slug: string, kid: string): Promise<ActionState> {
  return runAction("unpublishKey", async (actor) => {
    await unpublishKey(actor, slug, kid);
    revalidateKey(slug, kid);
    return { message: "Key unpublished. It is no longer in the JWKS." };
  });
}

export async function scheduleDestructionAction(
  slug: string,
  kid: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("scheduleDestruction", async (actor) => {
    const key = await scheduleDestruction(actor, slug, kid, {
      waitingDays: (field(form, "waitingDays") ?? "30") as never,
    });
    revalidateKey(slug, kid);
    return {
      message: `Destruction scheduled for ${key.destroyAfter?.toISOString()}. Another member must approve it.`,
    };
  });
}

export async function approveDestructionAction(slug: string, kid: string): Promise<ActionState> {
  return runAction("approveDestruction", async (actor) => {
    await approveDestruction(actor, slug, kid);
    revalidateKey(slug, kid);
    return { message: "Destruction approved. The private key is wiped when the wait is over." };
  });
}

export async function cancelDestructionAction(slug: string, kid: string): Promise<ActionState> {
  return runAction("cancelDestruction", async (actor) => {
    const key = await cancelDestruction(actor, slug, kid);
    revalidateKey(slug, kid);
    return { message: `Destruction cancelled. The key is ${key.state} again.` };
  });
}
