import { uniqueEmail, uniqueSlug } from "../fixtures/api";
import { addMemberInConsole } from "../fixtures/console";
import { open } from "../fixtures/navigation";
import { signInAsNewUser } from "../fixtures/session";
import { expect, test } from "../fixtures/test";

// Four eyes: the admin schedules, a key manager approves; a second request is cancelled.
test("[lifecycle] destruction is approved by a second member, and another is cancelled", async ({
  adminPage: page,
  api,
  browser,
}) => {
  test.setTimeout(60_000);
  const { slug } = await api.createTenant(uniqueSlug("life-destroy"));
  const doomed = await api.generateKey(slug, "ES256");
  const spared = await api.generateKey(slug, "EdDSA");
  await api.revoke(slug, doomed.kid, "superseded");
  await api.revoke(slug, spared.kid, "superseded");
  const email = uniqueEmail("approver");
  const password = await addMemberInConsole(page, slug, email, "Key manager");

  for (const key of [doomed, spared]) {
    await open(page, `/tenants/${slug}/keys/${key.kid}`);
    await page.getByRole("button", { name: "Schedule destruction…" }).click();
    const dialog = page.getByRole("dialog", { name: "Schedule destruction of this key?" });
    await dialog.getByLabel("Waiting period (days)").fill("3");
    await dialog.getByRole("button", { name: "Schedule destruction", exact: true }).click();
    // The page re-renders with the new state (the dialog's step no longer applies).
    const lifecycle = page.getByRole("region", { name: "Lifecycle" });
    await expect(lifecycle).toContainText("You requested this destruction");
    await expect(lifecycle.getByTestId("milestone-destroy")).toContainText(
      "Awaiting a second approval; the waiting period ends in 2 d 23 h",
    );
    await expect(page.getByRole("region", { name: "Key" })).toContainText("destroy scheduled");
    await expect(lifecycle.getByRole("button", { name: "Approve destruction…" })).toHaveCount(0);
  }

  const approver = await signInAsNewUser(browser, email, password);
  await open(approver.page, `/tenants/${slug}/keys/${doomed.kid}`);
  const lifecycle = approver.page.getByRole("region", { name: "Lifecycle" });
  await expect(lifecycle.getByTestId("milestone-destroy")).toContainText(
    "Awaiting a second approval",
  );
  await lifecycle.getByRole("button", { name: "Approve destruction…" }).click();
  const approve = approver.page.getByRole("dialog", { name: "Approve destruction of this key?" });
  await approve.getByRole("button", { name: "Approve destruction", exact: true }).click();
  await expect(lifecycle.getByTestId("milestone-destroy")).toContainText(/Destroyed in 2 d 23 h/);
  await approver.context.close();

  await open(page, `/tenants/${slug}/keys/${spared.kid}`);
  await page.getByRole("button", { name: "Cancel destruction…" }).click();
  const cancel = page.getByRole("dialog", { name: "Cancel the destruction of this key?" });
  await cancel.getByRole("button", { name: "Cancel destruction", exact: true }).click();
  await expect(page.getByRole("region", { name: "Key" })).toContainText("revoked");
  await expect(page.getByRole("button", { name: "Schedule destruction…" })).toBeVisible();

  const states = Object.fromEntries((await api.keys(slug)).map((k) => [k.kid, k.state]));
  expect(states).toEqual({ [doomed.kid]: "destroy_scheduled", [spared.kid]: "revoked" });
});
