import { publishedKids, uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[keys] admin generates a key and it is published in the JWKS", async ({
  adminPage: page,
  api,
  request,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("keys-gen"));
  await open(page, `/tenants/${slug}`);
  await expect(page.getByText("Nothing is published yet.")).toBeVisible();

  const form = page.getByRole("region", { name: "Generate a signing key" });
  await form.getByLabel("Algorithm").selectOption("ES256");
  await form.getByRole("button", { name: "Generate key" }).click();
  const message = form.getByRole("status");
  await expect(message).toHaveText(/^Generated ES256 key [\w-]{12}… — it is active\.$/);

  const [key] = await api.keys(slug);
  expect(key).toMatchObject({ alg: "ES256", state: "active" });
  await expect(message).toContainText(key.kid.slice(0, 12));

  // Verifiers see it at the public URL, and the console says so.
  await expect.poll(() => publishedKids(request, slug)).toEqual([key.kid]);
  await page.reload();
  await expect(page.getByText("Published now: 1 key.")).toBeVisible();

  const keys = page.getByRole("region", { name: /^Keys/ });
  await expect(keys.getByRole("link", { name: `${key.kid.slice(0, 16)}…` })).toBeVisible();
  const slot = page.getByRole("region", { name: "Signing slots" }).getByRole("listitem");
  await expect(slot).toContainText(`Active ${key.kid.slice(0, 12)}…`);
});
