import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../fixtures/credentials";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[auth] admin signs in and lands on the tenants list", async ({ page }) => {
  await open(page, "/login");
  await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();

  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tenants" })).toBeVisible();
  await expect(page.getByText(`${ADMIN_EMAIL} · instance admin`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Create a tenant" })).toBeVisible();

  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user?.email).toBe(ADMIN_EMAIL);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await open(page, "/");
  await expect(page).toHaveURL(/\/login/);
});
