"use server";

import { revalidatePath } from "next/cache";
import { createTenant, updateTenant } from "../tenants/service";
import { field, runAction } from "./run";
import type { ActionState } from "./state";

export async function createTenantAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("createTenant", async (actor) => {
    const tenant = await createTenant(actor, {
      slug: field(form, "slug") ?? "",
      name: field(form, "name") ?? "",
      issuer: field(form, "issuer"),
    });
    revalidatePath("/");
    return { message: `Created tenant ${tenant.slug}.` };
  });
}

export async function updateTenantAction(
  slug: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("updateTenant", async (actor) => {
    const names = [
      "name",
      "issuer",
      "jwksMaxAgeSeconds",
      "verifierCacheSeconds",
      "maxTokenLifetimeSeconds",
      "clockSkewSeconds",
    ];
    // Every field is on the form: an empty one is a mistake to point out, not "unchanged".
    const present = names.filter((n) => form.has(n));
    const empty = present.filter((n) => field(form, n) === undefined);
    if (empty.length > 0) {
      const fieldErrors = Object.fromEntries(empty.map((n) => [n, "Enter a value."]));
      return { ok: false, message: "Check the highlighted fields.", fieldErrors };
    }
    const input = Object.fromEntries(present.map((n) => [n, field(form, n)]));
    const { changed } = await updateTenant(actor, slug, input);
    revalidatePath(`/tenants/${slug}`, "layout");
    return { message: changed.length ? "Settings saved." : "No changes to save." };
  });
}
