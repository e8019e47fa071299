import crypto from "node:crypto";
import { publishedKids, uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[import] admin imports a public key and a JWKS; skipped entries are explained", async ({
  adminPage: page,
  api,
  request,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("import"));
  const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = ec.publicKey.export({ type: "spki", format: "pem" }) as string;

  await open(page, `/tenants/${slug}`);
  await page.getByRole("link", { name: "Import a key…" }).click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${slug}/import$`));
  const form = page.getByRole("region", { name: "Import a key" });
  await form.getByLabel("Key material").fill(spki);
  await form.getByRole("button", { name: "Import" }).click();

  await expect(form.getByRole("status")).toHaveText(
    /^Imported 1 key: [\w-]{16}… \(ES256, staged\)\.$/,
  );
  const [key] = await api.keys(slug);
  expect(key).toMatchObject({ alg: "ES256", state: "staged" });
  await expect.poll(() => publishedKids(request, slug)).toEqual([key.kid]);

  const ed = crypto.generateKeyPairSync("ed25519");
  const jwks = {
    keys: [
      { kty: "AKP", alg: "ML-DSA-65", kid: "pq-1", pub: "AAAA" },
      { ...ed.privateKey.export({ format: "jwk" }), kid: "ed-signing" },
    ],
  };
  await form.getByLabel("Key material").fill(JSON.stringify(jwks));
  await form.getByRole("button", { name: "Import" }).click();

  await expect(form.getByRole("status")).toHaveText("Imported 1 key: ed-signing… (EdDSA, active).");
  await expect(form.getByRole("list", { name: "Import warnings" })).toHaveText(
    'Entry 1: Key type "AKP" is not supported; use RSA, EC, OKP (Ed25519) or oct.',
  );
  await expect(form.getByLabel("Key material")).toHaveValue("");
});

test("[import] a refused key says what is wrong and nothing is stored", async ({
  adminPage: page,
  api,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("import-bad"));
  const small = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });

  await open(page, `/tenants/${slug}/import`);
  const form = page.getByRole("region", { name: "Import a key" });
  await form.getByLabel("Key material").fill("not a key at all");
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByText("This is neither a PEM block nor JSON.")).toBeVisible();
  await expect(form.getByLabel("Key material")).toHaveAttribute("aria-invalid", "true");

  await form
    .getByLabel("Key material")
    .fill(small.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  await form.getByLabel("Algorithm").selectOption("RS256");
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "RSA keys must be at least 2048 bits; this one has 1024.",
  );
  expect(await api.keys(slug)).toEqual([]);
});
