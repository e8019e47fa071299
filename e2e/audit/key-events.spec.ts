import { uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[audit] key creation, rotation and revocation are listed on the audit page", async ({
  adminPage: page,
  api,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("audit"));
  const created = await api.generateKey(slug, "ES256");
  const { active } = await api.rotate(slug, "ES256");
  await api.revoke(slug, created.kid, "compromised");

  await open(page, `/tenants/${slug}`);
  await page
    .getByRole("navigation", { name: "Tenant" })
    .getByRole("link", { name: "Audit" })
    .click();
  const trail = page.getByRole("region", { name: "Audit trail" });
  await expect(trail).toBeVisible();

  const rows = trail.getByRole("row").filter({ hasText: /key\.(created|rotated|revoked)/ });
  // Newest first, one row per operation, all by the API token that seeded them.
  await expect(rows.getByRole("cell", { name: /^key\./ })).toHaveText([
    "key.revoked",
    "key.rotated",
    "key.created",
  ]);
  for (const row of await rows.all()) {
    await expect(row.getByRole("cell").nth(2)).toHaveText("token:bootstrap");
    await expect(row.getByRole("cell").nth(3)).toHaveText("success");
  }
  await expect(rows.nth(0)).toContainText('"reason":"compromised"');
  await expect(rows.nth(1)).toContainText(`"retiredKid":"${created.kid}"`);
  await expect(rows.nth(2)).toContainText('"alg":"ES256"');
  await expect(rows.nth(2)).toContainText('"state":"active"');

  // The key's own page tells the same story.
  await open(page, `/tenants/${slug}/keys/${active.kid}`);
  await expect(
    page.getByRole("region", { name: "History" }).getByRole("cell", { name: "key.rotated" }),
  ).toBeVisible();
});
