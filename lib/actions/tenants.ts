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
    const input = Object.fromEntries(
      names.map((n) => [n, field(form, n)]).filter(([, v]) => v !== undefined),
    );
    await updateTenant(actor, slug, input);
    revalidatePath(`/tenants/${slug}`, "layout");
    return { message: "Settings saved." };
  });
}
