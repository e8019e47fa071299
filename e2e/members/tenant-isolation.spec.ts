import { uniqueEmail, uniqueSlug } from "../fixtures/api";
import { addMemberInConsole } from "../fixtures/console";
import { open } from "../fixtures/navigation";
import { signInAsNewUser } from "../fixtures/session";
import { expect, test } from "../fixtures/test";

test("[members] a member of another tenant gets the 404 page for this tenant", async ({
  adminPage,
  api,
  browser,
}) => {
  const { slug: guarded } = await api.createTenant(uniqueSlug("members-iso"));
  const key = await api.generateKey(guarded, "ES256");
  const { slug: own } = await api.createTenant(uniqueSlug("members-own"));
  const email = uniqueEmail("outsider");
  const password = await addMemberInConsole(adminPage, own, email, "Admin");

  const { context, page } = await signInAsNewUser(browser, email, password);
  try {
    const tenants = page.getByRole("list", { name: "Tenants" });
    await expect(tenants.getByRole("link", { name: own })).toBeVisible();
    await expect(tenants.getByRole("link", { name: guarded })).toHaveCount(0);

    for (const path of [
      `/tenants/${guarded}`,
      `/tenants/${guarded}/keys/${key.kid}`,
      `/tenants/${guarded}/audit`,
      `/tenants/${guarded}/members`,
    ]) {
      const response = await open(page, path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
      await expect(page.getByText(key.kid.slice(0, 12))).toHaveCount(0);
    }

    // Their own tenant still opens.
    await open(page, `/tenants/${own}`);
    await expect(page.getByText("Your role: Admin")).toBeVisible();
  } finally {
    await context.close();
  }
});
