import crypto, { X509Certificate } from "node:crypto";
import { fetchJwks, uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[import] admin attaches a self-signed certificate; the JWKS and x5u carry it", async ({
  adminPage: page,
  api,
  request,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("cert"));
  const key = await api.generateKey(slug, "ES256");

  await open(page, `/tenants/${slug}/keys/${key.kid}`);
  const panel = page.getByRole("region", { name: "Certificate" });
  await expect(panel).toContainText("No certificate.");
  await panel.getByRole("button", { name: "Attach a certificate…" }).click();
  const dialog = page.getByRole("dialog", { name: "Attach a certificate" });
  await dialog.getByLabel("Subject").fill("CN=e2e.example.test");
  await dialog.getByLabel("Valid for (days)").fill("30");
  await dialog.getByRole("button", { name: "Create certificate" }).click();
  await expect(dialog.getByRole("status")).toHaveText(
    "Self-signed certificate attached. The JWKS now carries it as x5c.",
  );
  await dialog.getByRole("button", { name: "Close" }).click();

  await expect(panel).toContainText("CN=e2e.example.test (self-signed)");
  await expect(panel.getByRole("button", { name: "Replace certificate…" })).toBeVisible();

  const [jwk] = (await fetchJwks(request, slug)) as unknown as {
    x5c: string[];
    x5u: string;
    crv: string;
    x: string;
    y: string;
    kty: string;
  }[];
  const certificate = new X509Certificate(Buffer.from(jwk.x5c[0], "base64"));
  const publicKey = crypto.createPublicKey({
    key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    format: "jwk",
  });
  expect(certificate.verify(publicKey)).toBe(true);
  await expect(panel).toContainText(jwk.x5u);
  const served = await request.get(new URL(jwk.x5u).pathname);
  expect(served.status()).toBe(200);
  expect(served.headers()["access-control-allow-origin"]).toBe("*");
  expect(new X509Certificate(await served.text()).fingerprint256).toBe(certificate.fingerprint256);
});
