import { uniqueEmail } from "../fixtures/api";
import { ADMIN_EMAIL } from "../fixtures/credentials";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

const refused = [
  { case: "wrong password for the admin", email: ADMIN_EMAIL, password: "not-the-password-42" },
  { case: "unknown email", email: uniqueEmail("nobody"), password: "whatever-password-42" },
];

test("[auth] a refused sign-in shows an error and starts no session", async ({ page }) => {
  for (const attempt of refused) {
    await test.step(attempt.case, async () => {
      await open(page, "/login");
      await page.getByLabel("Email").fill(attempt.email);
      await page.getByLabel("Password").fill(attempt.password);
      await page.getByRole("button", { name: "Sign in" }).click();

      await expect(
        page.getByRole("status").filter({ hasText: "Wrong email or password" }),
      ).toBeVisible();
      await expect(page).toHaveURL(/\/login/);

      const cookies = await page.context().cookies();
      expect(cookies.filter((c) => c.name.includes("session-token"))).toEqual([]);
      const session = await (await page.request.get("/api/auth/session")).json();
      expect(session).toEqual({});

      await open(page, "/");
      await expect(page).toHaveURL(/\/login/);
    });
  }
});
