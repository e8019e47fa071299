import { uniqueEmail, uniqueSlug } from "../fixtures/api";
import { addMemberInConsole } from "../fixtures/console";
import { open } from "../fixtures/navigation";
import { signInAsNewUser } from "../fixtures/session";
import { expect, test } from "../fixtures/test";

test("[members] admin adds a viewer who sees keys but no key controls", async ({
  adminPage,
  api,
  browser,
}) => {
  const { slug, name } = await api.createTenant(uniqueSlug("members-view"));
  const key = await api.generateKey(slug, "ES256");
  const email = uniqueEmail("viewer");

  const password = await addMemberInConsole(adminPage, slug, email, "Viewer");

  const { context, page } = await signInAsNewUser(browser, email, password);
  try {
    const card = page.getByRole("list", { name: "Tenants" }).getByRole("link", { name: slug });
    await expect(card).toContainText("1 published key · Viewer");
    await card.click();

    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Your role: Viewer")).toBeVisible();
    const keyLink = page
      .getByRole("region", { name: /^Keys/ })
      .getByRole("link", { name: `${key.kid.slice(0, 16)}…` });
    await expect(keyLink).toBeVisible();
    await expect(page.getByRole("region", { name: "Signing slots" })).toContainText(
      `Active ${key.kid.slice(0, 12)}…`,
    );

    // Read-only: no generate form, no rotate buttons, no admin tabs.
    await expect(page.getByRole("region", { name: "Generate a signing key" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Generate key" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);
    const nav = page.getByRole("navigation", { name: "Tenant" });
    await expect(nav.getByRole("link", { name: "Keys" })).toBeVisible();
    for (const adminTab of ["Audit", "Members", "API tokens", "Settings"]) {
      await expect(nav.getByRole("link", { name: adminTab })).toHaveCount(0);
    }

    await keyLink.click();
    await expect(page.getByTestId("kid")).toHaveText(key.kid);
    await expect(page.getByRole("region", { name: "Public JWK" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

    // Admin pages refuse a viewer.
    await open(page, `/tenants/${slug}/members`);
    await expect(page.getByText("You can't open this page.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Add a member" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
