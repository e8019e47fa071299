import { uniqueSlug } from "../fixtures/api";
import { ADMIN_TOKEN } from "../fixtures/credentials";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[usage] revoking a key that signed in the last hour warns with the count", async ({
  adminPage: page,
  api,
  request,
}) => {
  test.setTimeout(60_000);
  const { slug } = await api.createTenant(uniqueSlug("usage-rev"));
  const key = await api.generateKey(slug, "ES256");
  const created = await request.post(`/api/v1/tenants/${slug}/tokens`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    data: { name: "e2e-signer", scopes: ["keys:sign"] },
  });
  const { token } = (await created.json()) as { token: string };
  for (let i = 0; i < 4; i++) {
    const signed = await request.post(`/api/v1/tenants/${slug}/sign`, {
      headers: { authorization: `Bearer ${token}` },
      data: { alg: "ES256" },
    });
    expect(signed.status()).toBe(200);
  }

  // The key page is rendered on the server: reload until the flush has written the counts.
  await expect(async () => {
    await open(page, `/tenants/${slug}/keys/${key.kid}`);
    await expect(page.getByTestId("key-usage-1h")).toContainText("4", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("key-retirement")).toContainText("Active");

  await page.getByRole("button", { name: "Revoke…" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this key?" });
  await expect(dialog.getByTestId("revoke-usage-warning")).toHaveText(
    "Still in use: 4 signatures in the last hour. Services relying on this key will start failing.",
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});
