"use server";

import { changeOwnPassword } from "../auth/account";
import { runAction } from "./run";
import type { ActionState } from "./state";

export async function changePasswordAction(
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("changePassword", async (actor) => {
    await changeOwnPassword(actor, {
      current: String(form.get("current") ?? ""),
      next: String(form.get("next") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    });
    return { message: "Password changed. Use the new one the next time you sign in." };
  });
}
