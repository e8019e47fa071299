import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { findChainHead, listAuditEventsAscending, type AuditEventRow } from "../db/audit-events";
import { invalid } from "../errors";
import { logger } from "../logger";
import { canonicalJson } from "./canonical";
import { parseAuditFilter } from "./service";

// Exports stream the current filter oldest first, one keyset batch per pull, so memory
// stays constant whatever the size. They stop at the chain head as it was when the export
// began: a long download is a consistent prefix of the chain, not a moving target.
// Every row carries the chain fields; the JSON Lines form is exact, so each row's hash can
// be recomputed offline (README "Audit chain").

export const exportFormats = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const BATCH = 1_000;

export const exportColumns = [
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
  "details",
  "prev_hash",
  "hash",
] as const;

function exportRecord(event: AuditEventRow) {
  return {
    id: event.id.toString(),
    created_at: event.createdAt.toISOString(),
    tenant_id: event.tenantId,
    actor_type: event.actorType,
    actor_id: event.actorId,
    actor_label: event.actorLabel,
    action: event.action,
    outcome: event.outcome,
    target_type: event.targetType,
    target_id: event.targetId,
    kid: event.kid,
    ip: event.ip,
    details: event.details ?? {},
    prev_hash: event.prevHash,
    hash: event.hash,
  };
}

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula. Such cells get one
 * leading apostrophe (and so do cells that already start with apostrophes before one of
 * those characters), so the rule is reversible: strip one apostrophe from any cell matching
 * /^'+[=+\-@\t\r]/ to get the stored value back.
 */
export function csvCell(value: string | null): string {
  if (value === null) return "";
  const safe = /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// LIMITATION: CSV cannot tell null from an empty string (both are an empty cell); the
// JSON Lines form is exact and is the one to verify offline when that matters.
export function csvLine(event: AuditEventRow): string {
  const record = exportRecord(event);
  const cells = exportColumns.map((column) =>
    column === "details" ? canonicalJson(record.details) : (record[column] as string | null),
  );
  return cells.map(csvCell).join(",") + "\r\n";
}

export function jsonLine(event: AuditEventRow): string {
  return JSON.stringify(exportRecord(event)) + "\n";
}

const formatInput = z
  .enum(exportFormats, { message: "format is csv or jsonl." })
  .optional()
  .default("csv");

export async function exportTenantAudit(
  actor: Actor,
  slug: string,
  raw: Record<string, unknown>,
  options: { batchSize?: number } = {},
) {
  const filter = parseAuditFilter(raw);
  const parsedFormat = formatInput.safeParse(raw.format === "" ? undefined : raw.format);
  if (!parsedFormat.success) throw invalid(parsedFormat.error.issues[0].message);
  const format = parsedFormat.data;
  const access = await authorizeTenant(actor, slug, "audit.read", "audit.exported");

  const head = await findChainHead();
  const upTo = head?.id ?? 0n;
  const scope = { ...filter, tenantId: access.tenant.id };
  const encoder = new TextEncoder();
  let afterId = -(2n ** 63n);
  let exported = 0;

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format === "csv") controller.enqueue(encoder.encode(exportColumns.join(",") + "\r\n"));
      },
      async pull(controller) {
        try {
          const rows = await listAuditEventsAscending(
            scope,
            afterId,
            upTo,
            options.batchSize ?? BATCH,
          );
          if (rows.length === 0) {
            logger.info({ tenant: access.tenant.slug, format, exported }, "audit exported");
            controller.close();
            return;
          }
          afterId = rows[rows.length - 1].id;
          exported += rows.length;
          const text = rows.map(format === "csv" ? csvLine : jsonLine).join("");
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          logger.error(
            { tenant: access.tenant.slug, err: (error as Error).message },
            "audit export failed",
          );
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );

  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return {
    body,
    filename: `keyward-audit-${access.tenant.slug}-${stamp}.${format}`,
    contentType:
      format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
  };
}

export function exportResponse(exported: Awaited<ReturnType<typeof exportTenantAudit>>) {
  return new Response(exported.body, {
    headers: {
      "content-type": exported.contentType,
      "content-disposition": `attachment; filename="${exported.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
