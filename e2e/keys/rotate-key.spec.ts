import { publishedKids, uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[keys] admin rotates a signing key", async ({ adminPage: page, api, request }) => {
  const { slug } = await api.createTenant(uniqueSlug("keys-rot"));
  // No verifier caches to wait for: a staged key may be promoted as soon as it is published.
  await api.updateTenant(slug, { jwksMaxAgeSeconds: 0, verifierCacheSeconds: 0 });
  const current = await api.generateKey(slug, "ES256");
  const staged = await api.generateKey(slug, "ES256");
  expect([current.state, staged.state]).toEqual(["active", "staged"]);
  await open(page, `/tenants/${slug}`);

  const slot = page.getByRole("region", { name: "Signing slots" }).getByRole("listitem");
  await expect(slot).toContainText("1 staged · 0 retired");
  await slot.getByRole("button", { name: "Rotate ES256" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the ES256 slot" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Staged key ${staged.kid.slice(0, 16)}… becomes active.`);
  await expect(dialog).toContainText(`The current key ${current.kid.slice(0, 16)}… is retired`);
  await dialog.getByLabel("Reason (recorded in the audit trail)").fill("e2e scheduled rotation");
  await dialog.getByRole("button", { name: "Rotate now" }).click();

  await expect(dialog.getByRole("status")).toHaveText(
    `${staged.kid.slice(0, 12)}… is now the active ES256 key; ` +
      `${current.kid.slice(0, 12)}… is retired and still published.`,
  );
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(slot).toContainText(`Active ${staged.kid.slice(0, 12)}…`);
  await expect(slot).toContainText("0 staged · 1 retired");

  const states = Object.fromEntries((await api.keys(slug)).map((k) => [k.kid, k.state]));
  expect(states).toEqual({ [current.kid]: "retired", [staged.kid]: "active" });
  // Both stay public: the new key signs, the old one still verifies what it signed.
  await expect
    .poll(async () => (await publishedKids(request, slug)).sort())
    .toEqual([current.kid, staged.kid].sort());
});
