import { uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

// A short lead (verifier cache 10 s, max-age 2 s) so the wait fits in a test: the console
// refuses to promote early, counts down, then promotes and shows the old key retired.
test("[lifecycle] a staged key is promoted only after its lead, then the old key is retired", async ({
  adminPage: page,
  api,
}) => {
  test.setTimeout(60_000);
  const { slug } = await api.createTenant(uniqueSlug("life-lead"));
  await api.updateTenant(slug, { verifierCacheSeconds: 10, jwksMaxAgeSeconds: 2 });
  const current = await api.generateKey(slug, "ES256");
  const staged = await api.generateKey(slug, "ES256");
  await open(page, `/tenants/${slug}`);

  const slot = page.getByTestId("slot-ES256");
  await expect(slot).toContainText(`Next key ${staged.kid.slice(0, 12)}…: Safe to promote in`);
  await slot.getByRole("button", { name: "Rotate ES256" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the ES256 slot" });
  await expect(dialog).toContainText("rotating before then needs the emergency override");
  await dialog.getByRole("button", { name: "Rotate now" }).click();
  await expect(dialog.getByRole("status")).toContainText(
    `Staged key ${staged.kid.slice(0, 12)}… becomes safe to promote at`,
  );

  // The countdown reaches zero in the open dialog; then the same click succeeds.
  await expect(dialog.getByTestId("milestone-promote")).toContainText("Ready to promote", {
    timeout: 20_000,
  });
  await dialog.getByRole("button", { name: "Rotate now" }).click();
  await expect(dialog.getByRole("status")).toHaveText(
    `${staged.kid.slice(0, 12)}… is now the active ES256 key; ` +
      `${current.kid.slice(0, 12)}… is retired and still published.`,
  );
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(slot).toContainText(`Active ${staged.kid.slice(0, 12)}…`);
  await expect(slot).toContainText("0 staged · 1 retired");

  // The retired key's page says when it may leave the JWKS (overlap 3600 + 10 + 60 s = 1 h 1 min 10 s).
  await open(page, `/tenants/${slug}/keys/${current.kid}`);
  await expect(page.getByRole("region", { name: "Key" })).toContainText("retired");
  const lifecycle = page.getByRole("region", { name: "Lifecycle" });
  await expect(lifecycle.getByTestId("milestone-unpublish")).toContainText(
    "Safe to unpublish in 1 h 1 min",
  );
  const states = Object.fromEntries((await api.keys(slug)).map((k) => [k.kid, k.state]));
  expect(states).toEqual({ [current.kid]: "retired", [staged.kid]: "active" });
});
