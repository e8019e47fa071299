import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { exportColumns, exportTenantAudit } from "@/lib/audit/export";
import { generateKey, revokeKey } from "@/lib/keys/service";
import {
  instanceAdmin,
  memberWithRole,
  outcome,
  seedTenant,
  type UserActor,
} from "../support/fixtures";

// The auditor's own recomputation, written from the README and sharing no code with
// lib/audit: if this agrees with the export, so can a script of their own.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function recompute(row: Record<string, unknown>): string {
  const fields = [
    "id",
    "created_at",
    "tenant_id",
    "actor_type",
    "actor_id",
    "actor_label",
    "action",
    "outcome",
    "target_type",
    "target_id",
    "kid",
    "ip",
  ].map((name) => row[name]);
  const canonical = JSON.stringify([...fields, sortKeys(row.details)]);
  return crypto.createHash("sha256").update(`${row.prev_hash}\n${canonical}`).digest("hex");
}

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** RFC 4180 with the export's rules: empty cell = null; one apostrophe before = + - @ undone. */
function parseCsv(text: string): Record<string, unknown>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(cell), (cell = ""));
    else if (c === "\r" && text[i + 1] === "\n") {
      (row.push(cell), rows.push(row), (row = []), (cell = ""), i++);
    } else cell += c;
  }
  const [header, ...body] = rows;
  return body.map((cells) =>
    Object.fromEntries(
      header.map((name, i) => {
        const raw = cells[i] === "" ? null : cells[i].replace(/^'(?='*[=+\-@\t\r])/, "");
        return [name, name === "details" ? JSON.parse(raw!) : raw];
      }),
    ),
  );
}

let admin: UserActor;
let auditor: UserActor;
let slug: string;

beforeAll(async () => {
  admin = await instanceAdmin();
  ({ slug } = await seedTenant(admin));
  auditor = await memberWithRole(admin, slug, "auditor");
  for (let i = 0; i < 4; i++) await generateKey(admin, slug, { alg: "EdDSA" });
  const key = await generateKey(admin, slug, { alg: "ES256" });
  await revokeKey(admin, slug, key.kid, { reason: "other", note: '=HYPERLINK("x"), "quoted"' });
});

describe("audit export", () => {
  it("streams JSON Lines whose every row recomputes to its hash", async () => {
    const exported = await exportTenantAudit(auditor, slug, { format: "jsonl" });
    expect(exported.contentType).toMatch(/application\/x-ndjson/);
    expect(exported.filename).toMatch(new RegExp(`^keyward-audit-${slug}-\\d{8}T\\d{6}Z\\.jsonl$`));
    const rows = (await read(exported.body))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.action).slice(0, 2)).toEqual(["tenant.created", "member.added"]);
    for (const row of rows) expect(recompute(row)).toBe(row.hash);
  });

  it("streams CSV with the same rows and chain fields, formula cells neutralised reversibly", async () => {
    const jsonl = (await read((await exportTenantAudit(auditor, slug, { format: "jsonl" })).body))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const exported = await exportTenantAudit(auditor, slug, { format: "csv" });
    const text = await read(exported.body);
    expect(text.split("\r\n")[0]).toBe(exportColumns.join(","));
    const rows = parseCsv(text);
    expect(rows).toEqual(jsonl);
    for (const row of rows) expect(recompute(row)).toBe(row.hash);
  });

  it("exports only the filtered events, and only up to the head when it started", async () => {
    const exported = await exportTenantAudit(auditor, slug, {
      format: "jsonl",
      action: "key.revoked",
    });
    await generateKey(admin, slug, { alg: "EdDSA" });
    const rows = (await read(exported.body))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.action)).toEqual(["key.revoked"]);

    // The head is fixed when the export is asked for, before the first byte is read.
    const snapshot = await exportTenantAudit(auditor, slug, { format: "jsonl" });
    await generateKey(admin, slug, { alg: "EdDSA" });
    const text = await read(snapshot.body);
    expect(text.trim().split("\n")).toHaveLength(9);
  });

  it("pages through more rows than one batch in id order", async () => {
    const exported = await exportTenantAudit(auditor, slug, { format: "jsonl" }, { batchSize: 4 });
    const rows = (await read(exported.body))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const ids = rows.map((r) => BigInt(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(10);
  });

  it("refuses a bad format or filter before streaming, and readers without audit access", async () => {
    const viewer = await memberWithRole(admin, slug, "viewer");
    expect(await outcome(exportTenantAudit(auditor, slug, { format: "xlsx" }))).toBe(
      "invalid_request",
    );
    expect(await outcome(exportTenantAudit(auditor, slug, { from: "soon" }))).toBe(
      "invalid_request",
    );
    expect(await outcome(exportTenantAudit(viewer, slug, { format: "csv" }))).toBe("forbidden");
    expect(await outcome(exportTenantAudit(auditor, "no-such-tenant", {}))).toBe("not_found");
  });
});
