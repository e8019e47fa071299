"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "../tokens/service";
import { field, runAction } from "./run";
import type { ActionState } from "./state";

export async function createTokenAction(
  slug: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("createToken", async (actor) => {
    const scopes = form.getAll("scopes").filter((s): s is string => typeof s === "string");
    const created = await createApiToken(actor, slug, { name: field(form, "name") ?? "", scopes });
    revalidatePath(`/tenants/${slug}/tokens`);
    return {
      message: `Created token "${created.name}". Copy it now; it is shown only once.`,
      secret: created.token,
    };
  });
}

export async function revokeTokenAction(
  slug: string,
  tokenId: string,
  _prev: ActionState,
): Promise<ActionState> {
  return runAction("revokeToken", async (actor) => {
    await revokeApiToken(actor, slug, tokenId);
    revalidatePath(`/tenants/${slug}/tokens`);
    return { message: "Token revoked." };
  });
}
