import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { fetchJwks, uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[tokens] admin creates an API token that signs a JWT verifiable with the JWKS", async ({
  adminPage: page,
  api,
  request,
  baseURL,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("tokens"));
  const key = await api.generateKey(slug, "ES256");

  await open(page, `/tenants/${slug}`);
  await page
    .getByRole("navigation", { name: "Tenant" })
    .getByRole("link", { name: "API tokens" })
    .click();
  const form = page.getByRole("region", { name: "Create an API token" });
  await form.getByLabel("Name").fill("checkout-service");
  // Least privilege: nothing is pre-selected; the admin picks exactly what the service needs.
  await expect(form.getByRole("checkbox", { name: /keys:sign/ })).not.toBeChecked();
  await expect(form.getByRole("checkbox", { name: /keys:rotate/ })).not.toBeChecked();
  await form.getByRole("checkbox", { name: /keys:sign/ }).check();
  await form.getByRole("button", { name: "Create token" }).click();

  const secret = (await form.getByTestId("one-time-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^kw_[\w-]{40,}$/);
  await expect(page.getByRole("region", { name: "API tokens" })).toContainText("checkout-service");

  // A service uses the token over plain HTTP.
  const api_ = (path: string, body: unknown) =>
    fetch(`${baseURL}/api/v1/tenants/${slug}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const signed = await api_("/sign", { alg: "ES256", claims: { sub: "user-42" }, expiresIn: 300 });
  expect(signed.status).toBe(200);
  const { token, kid } = (await signed.json()) as { token: string; kid: string };
  expect(kid).toBe(key.kid);
  expect(decodeProtectedHeader(token).kid).toBe(key.kid);

  const jwks = await fetchJwks(request, slug);
  expect(jwks.map((k) => k.kid)).toContain(kid);
  const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: jwks } as JSONWebKeySet), {
    issuer: `${baseURL}/t/${slug}`,
  });
  expect(payload.sub).toBe("user-42");

  // The token carries only the scope it was given.
  const refused = await api_("/keys", { alg: "ES256" });
  expect(refused.status).toBe(403);
});
