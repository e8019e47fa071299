import fs from "node:fs";
import { uniqueEmail, uniqueSlug } from "../fixtures/api";
import { addMemberInConsole } from "../fixtures/console";
import { signInAsNewUser } from "../fixtures/session";
import { expect, test } from "../fixtures/test";

test("[audit] an auditor filters, opens an event, exports CSV and verifies the chain", async ({
  adminPage,
  api,
  browser,
}) => {
  const { slug } = await api.createTenant(uniqueSlug("auditor"));
  const first = await api.generateKey(slug, "ES256");
  await api.rotate(slug, "ES256");
  await api.revoke(slug, first.kid, "compromised");
  const email = uniqueEmail("auditor");
  const password = await addMemberInConsole(adminPage, slug, email, "Auditor");

  const { context, page } = await signInAsNewUser(browser, email, password);
  try {
    await page.goto(`/tenants/${slug}`);
    await expect(page.getByText("Your role: Auditor")).toBeVisible();
    // Read-only: every mutation control is absent.
    await expect(page.getByRole("region", { name: "Generate a signing key" })).toHaveCount(0);
    await expect(
      page.getByRole("button", { name: /^(Generate|Rotate|Revoke|Activate)/ }),
    ).toHaveCount(0);
    const nav = page.getByRole("navigation", { name: "Tenant" });
    await expect(nav.getByRole("link", { name: "Members" })).toHaveCount(0);
    await nav.getByRole("link", { name: "Audit" }).click();

    // Filter: the filter lands in the URL, so the view can be shared.
    const filters = page.getByRole("search", { name: "Filter events" });
    await filters.getByLabel("Action").fill("key.revoked");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=key\.revoked/);
    const trail = page.getByRole("region", { name: "Audit trail" });
    const rows = trail.getByRole("row").filter({ hasText: "key.revoked" });
    await expect(rows).toHaveCount(1);
    await expect(trail.getByRole("cell", { name: "key.rotated" })).toHaveCount(0);

    // A malformed filter is explained, not a crash.
    await page.goto(`/tenants/${slug}/audit?from=someday`);
    await expect(page.getByText(/from must be a date/)).toBeVisible();
    await page.goBack();

    // Open the event: its chain fields and a hash check.
    await rows.getByRole("link", { name: "key.revoked" }).click();
    await expect(page.getByRole("heading", { name: /^Audit event \d+$/ })).toBeVisible();
    await expect(page.getByText("This event's content matches its hash.")).toBeVisible();
    await expect(page.getByText(first.kid).first()).toBeVisible();
    await page.getByRole("link", { name: "← Audit trail" }).click();

    // Export the filtered view as CSV.
    await page.goto(`/tenants/${slug}/audit?action=key.revoked`);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^keyward-audit-${slug}-.*\\.csv$`));
    const csv = fs
      .readFileSync((await download.path())!, "utf8")
      .trim()
      .split("\r\n");
    expect(csv[0]).toMatch(/^id,created_at,.*,prev_hash,hash$/);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain("key.revoked");

    // Verify the chain.
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByText(/^Chain intact: [\d,]+ events verified/)).toBeVisible();

    // Still no mutation control anywhere on the audit pages.
    await expect(
      page.getByRole("button", { name: /^(Generate|Rotate|Revoke|Activate|Delete|Remove)/ }),
    ).toHaveCount(0);
  } finally {
    await context.close();
  }
});
