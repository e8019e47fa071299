import { z } from "zod";
import { findCredentials, updatePasswordHash } from "../db/users";
import { AppError, unprocessable } from "../errors";
import { runAudited } from "../operations/mutate";
import type { Actor } from "./actor";
import { hashPassword, verifyPassword } from "./passwords";

export const changePasswordInput = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(1024),
    next: z
      .string()
      .min(12, "Use at least 12 characters.")
      .max(1024, "Use at most 1024 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, {
    message: "The passwords do not match.",
    path: ["confirm"],
  })
  .refine((v) => v.next !== v.current, {
    message: "Choose a password different from the current one.",
    path: ["next"],
  });

/** A signed-in user replaces their own password; the current one must be given. */
export async function changeOwnPassword(actor: Actor, raw: z.input<typeof changePasswordInput>) {
  if (actor.type !== "user")
    throw new AppError("forbidden", "Only a signed-in person has a password.");
  const input = changePasswordInput.parse(raw);

  const credentials = await findCredentials(actor.email);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.current))) {
    throw unprocessable("The current password is not correct.", {
      current: "The current password is not correct.",
    });
  }
  const passwordHash = await hashPassword(input.next);

  await runAudited(actor, null, "user.password_changed", async (tx) => {
    await updatePasswordHash(tx, actor.userId, passwordHash);
    return { result: null, audit: { targetType: "user", targetId: actor.userId, details: {} } };
  });
}
