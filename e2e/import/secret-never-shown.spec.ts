import crypto from "node:crypto";
import { uniqueSlug } from "../fixtures/api";
import { ADMIN_TOKEN } from "../fixtures/credentials";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[import] a symmetric secret appears on no console page", async ({
  adminPage: page,
  api,
  request,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("secret"));
  const k = crypto.randomBytes(32).toString("base64url");
  const imported = await request.post(`/api/v1/tenants/${slug}/keys/import`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    data: { jwk: { kty: "oct", k, alg: "HS256", kid: "shared-secret" } },
  });
  expect(imported.status()).toBe(201);

  for (const path of [
    `/tenants/${slug}`,
    `/tenants/${slug}/keys/shared-secret`,
    `/tenants/${slug}/audit`,
  ]) {
    await open(page, path);
    expect(await page.content(), path).not.toContain(k);
  }
  await open(page, `/tenants/${slug}/keys/shared-secret`);
  await expect(page.getByTestId("kid")).toHaveText("shared-secret");
  await expect(page.getByRole("region", { name: "Certificate" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Public JWK" })).toHaveCount(0);
});

test("[import] the KEK page shows how many keys each KEK protects", async ({
  adminPage: page,
  api,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("kek"));
  await api.generateKey(slug, "ES256");

  await open(page, "/");
  await page.getByRole("link", { name: "Key encryption" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Key-encryption key" })).toBeVisible();
  const usage = page.getByRole("region", { name: "Keys per KEK" });
  await expect(usage.getByRole("row").nth(1)).toContainText("current (KEYWARD_MASTER_KEY)");
  await expect(page.getByRole("progressbar", { name: "Keys re-wrapped" })).toHaveAttribute(
    "aria-valuetext",
    /^0 of 0 re-wrapped$/,
  );
  await expect(page.getByText("Every key is wrapped by the current KEK.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Re-wrap all keys" })).toHaveCount(0);
});
