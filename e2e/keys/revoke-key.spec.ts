import { publishedKids, uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[keys] admin revokes a key after confirming and it leaves the JWKS", async ({
  adminPage: page,
  api,
  request,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("keys-rev"));
  const old = await api.generateKey(slug, "ES256");
  const { active } = await api.rotate(slug, "ES256");
  await expect
    .poll(async () => (await publishedKids(request, slug)).sort())
    .toEqual([old.kid, active.kid].sort());

  await open(page, `/tenants/${slug}/keys/${old.kid}`);
  await expect(page.getByTestId("kid")).toHaveText(old.kid);
  const revoke = page.getByRole("button", { name: "Revoke…" });
  const dialog = page.getByRole("dialog", { name: "Revoke this key?" });

  // Cancelling the confirmation changes nothing.
  await revoke.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Revocation is final.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeVisible();
  expect(await publishedKids(request, slug)).toContain(old.kid);

  await revoke.click();
  await dialog.getByLabel("Reason").selectOption("superseded");
  await dialog.getByLabel("Note").fill("e2e: replaced by rotation");
  await dialog.getByRole("button", { name: "Revoke key" }).click();

  // The page re-renders without the dialog: the key is final, nothing is left to revoke.
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Revoke…" })).toHaveCount(0);
  await expect(page.getByText("superseded: e2e: replaced by rotation")).toBeVisible();

  await expect.poll(() => publishedKids(request, slug)).toEqual([active.kid]);
  expect((await api.keys(slug)).find((k) => k.kid === old.kid)?.state).toBe("revoked");
  await expect(
    page.getByRole("region", { name: "History" }).getByRole("cell", { name: "key.revoked" }),
  ).toBeVisible();
});
