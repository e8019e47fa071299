import { publishedKids, uniqueSlug } from "../fixtures/api";
import { ADMIN_EMAIL } from "../fixtures/credentials";
import { expect, test } from "../fixtures/test";

// The whole story in the console alone, on a tenant with default timing (a staged key must
// be published for 10 minutes before it signs); verifiers' view is read at the public URL.
test("[keys] admin takes a key from generation to revocation and the audit page shows it", async ({
  adminPage: page,
  request,
}) => {
  const slug = uniqueSlug("lifecycle");
  const create = page.getByRole("region", { name: "Create a tenant" });
  await create.getByLabel("Slug").fill(slug);
  await create.getByLabel("Name", { exact: true }).fill(`Lifecycle ${slug}`);
  await create.getByRole("button", { name: "Create tenant" }).click();
  await page.getByRole("list", { name: "Tenants" }).getByRole("link", { name: slug }).click();

  const generate = page.getByRole("region", { name: "Generate a signing key" });
  const keyLinks = page.getByRole("region", { name: /^Keys/ }).getByRole("link");
  const kidsOnPage = () =>
    keyLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("/keys/")[1]));
  // Choose the algorithm before each click: after an action React resets the form, and the
  // select can show (and send) its first option, RS256 (reported as a product bug).
  const generateEs256 = async () => {
    await generate.getByLabel("Algorithm").selectOption("ES256");
    await generate.getByRole("button", { name: "Generate key" }).click();
  };
  await generateEs256();
  await expect(generate.getByRole("status")).toContainText("Generated ES256 key");
  await expect(generate.getByRole("status")).toContainText("— it is active.");
  await expect(keyLinks).toHaveCount(1);
  const [first] = await kidsOnPage();
  await generateEs256();
  await expect(generate.getByRole("status")).toContainText("Generated ES256 key");
  await expect(generate.getByRole("status")).toContainText("— it is staged.");
  await expect(keyLinks).toHaveCount(2);
  const second = (await kidsOnPage()).find((kid) => kid !== first)!;
  // A staged key is published at once, so verifiers learn it before it ever signs.
  await expect
    .poll(async () => (await publishedKids(request, slug)).sort())
    .toEqual([first, second].sort());

  await page.getByRole("button", { name: "Rotate ES256" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate the ES256 slot" });
  await expect(rotate).toContainText(`Staged key ${second.slice(0, 16)}… becomes active.`);
  await rotate.getByRole("button", { name: "Rotate now" }).click();
  await expect(rotate.getByRole("status")).toContainText("becomes safe to promote at");
  await rotate.getByLabel("Emergency rotation (after a suspected compromise)").check();
  await rotate.getByLabel("Reason (recorded in the audit trail)").fill("e2e: suspected leak");
  await rotate.getByRole("button", { name: "Rotate now" }).click();
  await expect(rotate.getByRole("status")).toHaveText(
    `${second.slice(0, 12)}… is now the active ES256 key; ` +
      `${first.slice(0, 12)}… is retired and still published.`,
  );
  await rotate.getByRole("button", { name: "Close" }).click();

  await page.getByRole("link", { name: `${first.slice(0, 16)}…` }).click();
  await page.getByRole("button", { name: "Revoke…" }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke this key?" });
  await revoke.getByLabel("Reason").selectOption("compromised");
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(/— compromised$/)).toBeVisible();
  await expect.poll(() => publishedKids(request, slug)).toEqual([second]);

  await page
    .getByRole("navigation", { name: "Tenant" })
    .getByRole("link", { name: "Audit" })
    .click();
  const trail = page.getByRole("region", { name: "Audit trail" });
  const rows = trail.getByRole("row").filter({ hasText: /key\.(created|rotated|revoked)/ });
  await expect(rows.getByRole("cell", { name: /^key\./ })).toHaveText([
    "key.revoked",
    "key.rotated",
    "key.created",
    "key.created",
  ]);
  await expect(rows.getByRole("cell", { name: ADMIN_EMAIL, exact: true })).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('"emergency":true');
  await expect(rows.nth(1)).toContainText('"reason":"e2e: suspected leak"');
});
