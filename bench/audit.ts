// `npm run bench:audit`: the audit trail at 1,000,000 events on PostgreSQL. Loads a scratch
// database (created and dropped here) through a chain computed exactly as the app does,
// then measures page latency with and without filters, full chain verification, and
// export throughput and memory. Bounded: the load stops at KEYWARD_BENCH_LOAD_SECONDS.
import crypto from "node:crypto";
import pg from "pg";
import { systemActor } from "../lib/auth/actor";
import { chainHash, GENESIS_HASH } from "../lib/audit/canonical";
import { exportTenantAudit } from "../lib/audit/export";
import { listTenantAudit, verifyWholeChain } from "../lib/audit/service";
import { kekFromBase64 } from "../lib/crypto/kek";
import { setKeyring } from "../lib/crypto/keyring";
import { closeDatabase, openDatabase } from "../lib/db/client";
import { findChainHead } from "../lib/db/audit-events";
import { createTenant } from "../lib/tenants/service";
import { createScratchDatabase, dropScratchDatabase } from "../tests/support/postgres";

process.env.KEYWARD_LOG_LEVEL ??= "warn";
const adminUrl =
  process.env.KEYWARD_BENCH_DATABASE_URL ??
  process.env.KEYWARD_TEST_DATABASE_URL ??
  "postgresql://keyward_test:keyward_test@127.0.0.1:5432/keyward_test";
const TARGET = Number(process.env.KEYWARD_BENCH_EVENTS ?? 1_000_000);
const LOAD_SECONDS = Number(process.env.KEYWARD_BENCH_LOAD_SECONDS ?? 900);
const SAMPLES = Number(process.env.KEYWARD_BENCH_SAMPLES ?? 60);
const BATCH = 10_000;
const TENANTS = 10;

const out = (line = "") => process.stdout.write(line + "\n");
const ms = (n: number) => `${n.toFixed(1)} ms`;

// A deterministic generator so runs are comparable.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];

const actions = [
  ["key.created", 30],
  ["key.rotated", 15],
  ["key.revoked", 5],
  ["tenant.updated", 10],
  ["member.added", 10],
  ["api_token.created", 10],
  ["key.unpublished", 10],
  ["policy.updated", 10],
] as const;
const weighted = actions.flatMap(([name, weight]) => Array<string>(weight).fill(name));
const words = [
  "superseded",
  "rotation",
  "scheduled",
  "laptop",
  "stolen",
  "migration",
  "ci",
  "on-call",
];

interface Tenant {
  id: string;
  slug: string;
  users: string[];
  kids: string[];
}

function eventFor(tenant: Tenant, id: bigint, createdAt: Date) {
  const action = pick(weighted);
  const roll = rand();
  const outcome = roll < 0.02 ? "denied" : roll < 0.03 ? "failure" : "success";
  const user = pick(tenant.users);
  const kid = action.startsWith("key.") ? pick(tenant.kids) : null;
  const details =
    action === "key.revoked"
      ? { reason: "other", note: `${pick(words)} ${pick(words)} ${Math.floor(rand() * 1e6)}` }
      : { alg: pick(["ES256", "RS256", "EdDSA"]), state: pick(["active", "staged"]) };
  return {
    id,
    tenantId: tenant.id,
    actorType: "user",
    actorId: user,
    actorLabel: `${user.slice(0, 8)}@bench.test`,
    action,
    outcome,
    targetType: kid ? "key" : "tenant",
    targetId: kid ? crypto.randomUUID() : tenant.id,
    kid,
    ip: `10.0.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`,
    details,
    createdAt,
  };
}

async function load(url: string, tenants: Tenant[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const head = await findChainHead();
  let prev = head?.hash ?? GENESIS_HASH;
  let id = (head?.id ?? 0n) + 1n;
  const started = Date.now();
  const span = 365 * 86_400_000;
  const origin = Date.now() - span;
  let loaded = 0;
  try {
    while (loaded < TARGET && (Date.now() - started) / 1000 < LOAD_SECONDS) {
      const n = Math.min(BATCH, TARGET - loaded);
      const cols: unknown[][] = Array.from({ length: 15 }, () => []);
      for (let i = 0; i < n; i++, id++) {
        // Half the events belong to the first tenant, the rest spread over the others.
        const tenant = rand() < 0.5 ? tenants[0] : pick(tenants.slice(1));
        const createdAt = new Date(Math.floor(origin + (span * (loaded + i)) / TARGET));
        const event = eventFor(tenant, id, createdAt);
        const hash = chainHash(prev, event);
        const values = [
          event.id.toString(),
          event.tenantId,
          event.actorType,
          event.actorId,
          event.actorLabel,
          event.action,
          event.outcome,
          event.targetType,
          event.targetId,
          event.kid,
          event.ip,
          JSON.stringify(event.details),
          event.createdAt.toISOString(),
          prev,
          hash,
        ];
        values.forEach((v, c) => cols[c].push(v));
        prev = hash;
      }
      await client.query(
        `INSERT INTO audit_events (id, tenant_id, actor_type, actor_id, actor_label, action, outcome,
           target_type, target_id, kid, ip, details, created_at, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[],
           $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
           $12::jsonb[], $13::timestamptz[], $14::text[], $15::text[])`,
        cols,
      );
      loaded += n;
      if (loaded % 100_000 === 0) {
        const rate = loaded / ((Date.now() - started) / 1000);
        process.stderr.write(`  loaded ${loaded.toLocaleString()} (${Math.round(rate)}/s)\n`);
      }
    }
    await client.query(
      `SELECT setval(pg_get_serial_sequence('audit_events', 'id'), (SELECT max(id) FROM audit_events))`,
    );
    await client.query("ANALYZE audit_events");
  } finally {
    await client.end();
  }
  return { loaded, seconds: (Date.now() - started) / 1000 };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timePages(slug: string, query: () => Record<string, string>) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const q = query();
    const started = performance.now();
    const page = await listTenantAudit(systemActor, slug, { limit: "50", ...q });
    times.push(performance.now() - started);
    rows += page.events.length;
    // Follow one page deeper every other sample: keyset pages cost the same at any depth.
    if (page.nextCursor && i % 2 === 0) {
      const deeper = performance.now();
      await listTenantAudit(systemActor, slug, { limit: "50", ...q, cursor: page.nextCursor });
      times.push(performance.now() - deeper);
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows: rows / SAMPLES };
}

async function main() {
  const kek = kekFromBase64(crypto.randomBytes(32).toString("base64"));
  setKeyring({ current: kek, byId: new Map([[kek.id, kek]]) });
  const url = await createScratchDatabase(adminUrl);
  out(`Keyward audit bench — scratch database ${new URL(url).pathname.slice(1)}`);
  try {
    await openDatabase({ url });
    const tenants: Tenant[] = [];
    for (let t = 0; t < TENANTS; t++) {
      const created = await createTenant(systemActor, { slug: `bench-${t}`, name: `Bench ${t}` });
      tenants.push({
        id: created.id,
        slug: created.slug,
        users: Array.from({ length: 50 }, () => crypto.randomUUID()),
        kids: Array.from({ length: 200 }, () => crypto.randomBytes(32).toString("base64url")),
      });
    }

    const { loaded, seconds } = await load(url, tenants);
    out(`loaded ${loaded.toLocaleString()} events in ${seconds.toFixed(0)} s`);
    const big = tenants[0];
    const maxId = (await findChainHead())!.id;
    const randomCursor = () => String(1n + BigInt(Math.floor(rand() * Number(maxId))));
    const day = 86_400_000;
    const randomWeek = () => {
      const start = Date.now() - 365 * day + Math.floor(rand() * 350) * day;
      return {
        from: new Date(start).toISOString().slice(0, 10),
        to: new Date(start + 6 * day).toISOString().slice(0, 10),
      };
    };

    const scenarios: [string, () => Record<string, string>][] = [
      ["newest page, no filter", () => ({})],
      ["random depth, no filter", () => ({ cursor: randomCursor() })],
      ["action", () => ({ action: "key.revoked" })],
      ["actor", () => ({ actor: `${pick(big.users).slice(0, 8)}@bench.test` })],
      ["kid", () => ({ kid: pick(big.kids) })],
      ["outcome=denied", () => ({ outcome: "denied" })],
      ["one week", randomWeek],
      ["text search (rare word)", () => ({ q: "stolen laptop" })],
      ["text search (number)", () => ({ q: String(Math.floor(rand() * 1e6)) })],
      [
        "action+outcome+week",
        () => ({ action: "key.rotated", outcome: "denied", ...randomWeek() }),
      ],
    ];
    out("");
    out(`page of 50 on the largest tenant (${SAMPLES}+ samples each; goal p95 < 50 ms)`);
    for (const [name, query] of scenarios) {
      const result = await timePages(big.slug, query);
      out(
        `  ${name.padEnd(28)} p50 ${ms(result.p50).padStart(9)}  p95 ${ms(result.p95).padStart(9)}  rows/page ${result.rows.toFixed(0)}`,
      );
    }

    if (process.env.KEYWARD_BENCH_EXPLAIN) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const q of ["'stolen' & 'laptop'", "'123457'", "'es256'"]) {
        const plan = await client.query(
          `EXPLAIN ANALYZE SELECT id FROM audit_events WHERE tenant_id = $1 AND jsonb_to_tsvector('simple'::regconfig, details, '["string", "numeric", "boolean"]'::jsonb) @@ to_tsquery('simple', $2) ORDER BY id DESC LIMIT 51`,
          [big.id, q],
        );
        process.stderr.write(plan.rows.map((r) => r["QUERY PLAN"]).join("\n") + "\n");
      }
      await client.end();
    }

    out("");
    const verifyStarted = performance.now();
    const verdict = await verifyWholeChain();
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    out(
      `full chain verification: ${verdict.checked.toLocaleString()} events in ${verifySeconds.toFixed(2)} s (${Math.round(verdict.checked / verifySeconds).toLocaleString()}/s; goal < 10 s) — ${verdict.ok ? "intact" : "BROKEN"}`,
    );

    for (const format of ["jsonl", "csv"]) {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = performance.now();
      const exported = await exportTenantAudit(systemActor, big.slug, { format });
      let bytes = 0;
      let lines = 0;
      const reader = exported.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        bytes += chunk.value.length;
        for (const b of chunk.value) if (b === 10) lines++;
      }
      clearInterval(sampler);
      const secs = (performance.now() - started) / 1000;
      out(
        `export ${format.padEnd(5)}: ${lines.toLocaleString()} lines, ${(bytes / 1e6).toFixed(0)} MB in ${secs.toFixed(1)} s (${Math.round(lines / secs).toLocaleString()} rows/s, ${(bytes / 1e6 / secs).toFixed(1)} MB/s); RSS ${(baseline / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - baseline) / 1e6).toFixed(0)} MB)`,
      );
    }
  } finally {
    await closeDatabase();
    await dropScratchDatabase(adminUrl, url);
    out("scratch database dropped");
  }
}

await main();
