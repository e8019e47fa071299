import { uniqueSlug } from "../fixtures/api";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../fixtures/credentials";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[auth] an unauthenticated visit is sent to the login page and back", async ({
  page,
  api,
}) => {
  await open(page, "/");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tenants" })).toHaveCount(0);

  // A deep link survives the detour through the login form.
  const { slug } = await api.createTenant(uniqueSlug("auth"));
  await open(page, `/tenants/${slug}/audit`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${slug}/audit$`));
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
});
