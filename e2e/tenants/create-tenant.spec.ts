import { fetchJwks, uniqueSlug } from "../fixtures/api";
import { open } from "../fixtures/navigation";
import { expect, test } from "../fixtures/test";

test("[tenants] admin creates a tenant in the console", async ({ adminPage: page, request }) => {
  const slug = uniqueSlug("tenants");
  const name = `Tenant ${slug}`;

  const form = page.getByRole("region", { name: "Create a tenant" });
  await form.getByLabel("Slug").fill(slug);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByRole("button", { name: "Create tenant" }).click();

  await expect(form.getByRole("status")).toHaveText(`Created tenant ${slug}.`);
  const card = page.getByRole("list", { name: "Tenants" }).getByRole("link", { name: slug });
  await expect(card).toBeVisible();
  await expect(card).toContainText(name);
  await expect(card).toContainText("0 published keys · Admin");

  await card.click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Nothing is published yet.")).toBeVisible();

  // The new issuer is public at once, with an empty key set.
  expect(await fetchJwks(request, slug)).toEqual([]);

  // The same slug cannot be taken twice.
  await open(page, "/");
  await form.getByLabel("Slug").fill(slug);
  await form.getByLabel("Name", { exact: true }).fill("Duplicate");
  await form.getByRole("button", { name: "Create tenant" }).click();
  await expect(form.getByRole("status")).toHaveText(
    `A tenant with the slug "${slug}" already exists.`,
  );
});
