import { type APIRequestContext } from "@playwright/test";
import { uniqueSlug } from "../fixtures/api";
import { ADMIN_TOKEN } from "../fixtures/credentials";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

// Counts reach the database every KEYWARD_USAGE_FLUSH_MS (5 s by default) and the dashboard
// polls every 5 s: a change shows within about 10 s, so the waits below allow 25.
const LIVE = { timeout: 25_000 };

async function signingToken(request: APIRequestContext, slug: string): Promise<string> {
  const response = await request.post(`/api/v1/tenants/${slug}/tokens`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    data: { name: "e2e-signer", scopes: ["keys:sign"] },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function signTokens(request: APIRequestContext, slug: string, token: string, count: number) {
  for (let i = 0; i < count; i++) {
    const response = await request.post(`/api/v1/tenants/${slug}/sign`, {
      headers: { authorization: `Bearer ${token}` },
      data: { alg: "ES256", claims: { sub: `e2e-${i}` } },
    });
    expect(response.status()).toBe(200);
  }
}

test("[usage] dashboard counters and chart follow API signatures live, without a reload", async ({
  adminPage: page,
  api,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  const { slug } = await api.createTenant(uniqueSlug("usage"));
  const key = await api.generateKey(slug, "ES256");
  const token = await signingToken(request, slug);

  // Straight to the dashboard: the Keys page polls the JWKS itself, which would count.
  await open(page, `/tenants/${slug}/usage`);
  await expect(
    page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Usage" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Usage", level: 2 })).toBeVisible();
  await expect(page.getByText("No usage in the last hour")).toBeVisible();
  await expect(page.getByTestId("usage-signatures")).toHaveText("0");
  // A marker that a reload or navigation would wipe.
  await page.evaluate(() => ((window as unknown as { usageMarker: number }).usageMarker = 1));

  await signTokens(request, slug, token, 3);
  for (const agent of ["Go-http-client/1.1", "Go-http-client/1.1", "python-requests/2.32"]) {
    await request.get(`/t/${slug}/.well-known/jwks.json`, { headers: { "user-agent": agent } });
  }

  await expect(page.getByTestId("usage-signatures")).toHaveText("3", LIVE);
  await expect(page.getByTestId("usage-jwksFetches")).toHaveText("3", LIVE);
  const chart = page.getByRole("figure", { name: "Signatures and verifications per minute" });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-area-area").first()).toBeVisible();
  const keyRow = page.getByTestId(`key-usage-${key.kid}`);
  await expect(keyRow.getByTestId("key-signatures")).toHaveText("3");
  await expect(page.getByRole("region", { name: "Top JWKS consumers" })).toContainText(
    "go-http-client",
  );

  await signTokens(request, slug, token, 2);
  await expect(page.getByTestId("usage-signatures")).toHaveText("5", LIVE);
  await expect(keyRow.getByTestId("key-signatures")).toHaveText("5", LIVE);
  expect(
    await page.evaluate(() => (window as unknown as { usageMarker?: number }).usageMarker),
  ).toBe(1);

  // Other windows load on demand and include the same counts.
  await page.getByRole("button", { name: "Last 24 hours" }).click();
  await expect(page.getByRole("button", { name: "Last 24 hours" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(
    page.getByRole("figure", { name: "Signatures and verifications per hour" }),
  ).toBeVisible();
  await expect(page.getByTestId("usage-signatures")).toHaveText("5");

  await testInfo.attach("usage-dashboard", {
    body: await page.screenshot({ fullPage: true, animations: "disabled" }),
    contentType: "image/png",
  });
  await page.emulateMedia({ colorScheme: "dark" });
  await testInfo.attach("usage-dashboard-dark", {
    body: await page.screenshot({ fullPage: true, animations: "disabled" }),
    contentType: "image/png",
  });
});
