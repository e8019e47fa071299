import { describe, expect, it } from "vitest";
import { changeOwnPassword } from "@/lib/auth/account";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db/client";
import { findCredentials, insertUser } from "@/lib/db/users";
import { outcome } from "../support/fixtures";

describe("changing one's own password", () => {
  it("needs the current password, refuses weak or mismatched ones, and replaces the hash", async () => {
    const email = `pw-${crypto.randomUUID()}@example.test`;
    const prisma = await db();
    const user = await insertUser(prisma, {
      email,
      name: "Pat",
      passwordHash: await hashPassword("initial password 1"),
    });
    const actor = { type: "user" as const, userId: user.id, email, isAdmin: false };
    const good = "a much better passphrase";

    const refusals = await Promise.all([
      outcome(changeOwnPassword(actor, { current: "wrong", next: good, confirm: good })),
      outcome(
        changeOwnPassword(actor, {
          current: "initial password 1",
          next: "short",
          confirm: "short",
        }),
      ),
      outcome(
        changeOwnPassword(actor, { current: "initial password 1", next: good, confirm: "other" }),
      ),
    ]);
    expect(refusals[0]).toBe("unprocessable");
    expect(refusals.slice(1).every((r) => r !== "ok")).toBe(true);
    expect(
      await verifyPassword((await findCredentials(email))!.passwordHash, "initial password 1"),
    ).toBe(true);

    await changeOwnPassword(actor, { current: "initial password 1", next: good, confirm: good });

    const stored = (await findCredentials(email))!.passwordHash;
    expect(await verifyPassword(stored, good)).toBe(true);
    expect(await verifyPassword(stored, "initial password 1")).toBe(false);
  });
});
