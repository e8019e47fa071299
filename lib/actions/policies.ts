"use server";

import { revalidatePath } from "next/cache";
import { putPolicy, removePolicy } from "../rotation/policies";
import { field, runAction } from "./run";
import type { ActionState } from "./state";

export async function savePolicyAction(
  slug: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("savePolicy", async (actor) => {
    const alg = field(form, "alg");
    const policy = await putPolicy(actor, slug, alg, {
      rotateEveryDays: field(form, "rotateEveryDays") ?? "",
      keepStaged: form.get("keepStaged") === "on",
      autoUnpublish: form.get("autoUnpublish") === "on",
      enabled: form.get("enabled") === "on",
    });
    revalidatePath(`/tenants/${slug}/policies`);
    return {
      message: `${policy.alg}: rotate every ${policy.rotateEveryDays} days${policy.enabled ? "" : " (paused)"}.`,
    };
  });
}

export async function deletePolicyAction(slug: string, alg: string): Promise<ActionState> {
  return runAction("deletePolicy", async (actor) => {
    await removePolicy(actor, slug, alg);
    revalidatePath(`/tenants/${slug}/policies`);
    return {
      message: `The ${alg} policy is removed; that slot rotates only when someone rotates it.`,
    };
  });
}
