import { z } from "zod";

// The audit filters, parsed the same way from a page's URL, an API query string and an
// export link, so a view can be shared by copying its URL.

export const outcomes = ["success", "failure", "denied"] as const;

/** Action names read resource.past_tense; the console offers these as suggestions. */
export const knownActions = [
  "auth.signed_in",
  "auth.sign_in_failed",
  "tenant.created",
  "tenant.updated",
  "key.created",
  "key.imported",
  "key.certificate_attached",
  "key.rotated",
  "key.activated",
  "key.unpublished",
  "key.revoked",
  "key.destruction_scheduled",
  "key.destruction_approved",
  "key.destruction_cancelled",
  "key.destroyed",
  "policy.updated",
  "policy.deleted",
  "member.added",
  "member.role_changed",
  "member.removed",
  "api_token.created",
  "api_token.revoked",
  "user.created",
  "user.password_changed",
  "kek.rewrapped",
] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date (a whole UTC day) or a date-time; without a zone it is read as UTC. `endOfDay`
 * turns a date-only upper bound into the start of the next day, so "to=2026-03-01"
 * includes March 1st.
 */
function instant(label: string, endOfDay: boolean) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return undefined;
      const dateOnly = DATE_ONLY.test(value);
      if (!dateOnly && !DATE_TIME.test(value)) {
        ctx.addIssue({
          code: "custom",
          message: `${label} must be a date like 2026-03-01 or 2026-03-01T14:30Z.`,
        });
        return z.NEVER;
      }
      const zoned = dateOnly || /Z|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`;
      const date = new Date(dateOnly ? `${value}T00:00:00Z` : zoned);
      // Date parsing rolls 2026-02-30 over into March; a calendar that does not exist is a typo.
      const [year, month, day] = value.slice(0, 10).split("-").map(Number);
      const calendar = new Date(Date.UTC(year, month - 1, day));
      if (
        Number.isNaN(date.getTime()) ||
        calendar.getUTCDate() !== day ||
        calendar.getUTCMonth() !== month - 1
      ) {
        ctx.addIssue({ code: "custom", message: `${label} is not a real date.` });
        return z.NEVER;
      }
      if (dateOnly && endOfDay) date.setUTCDate(date.getUTCDate() + 1);
      return date;
    })
    .optional();
}

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

export const auditFilterInput = z
  .object({
    action: z
      .string()
      .trim()
      .max(64, "action is at most 64 characters.")
      .regex(/^([a-z_]+\.[a-z_]+)?$/, "action reads resource.past_tense, like key.rotated.")
      .transform((v) => (v === "" ? undefined : v))
      .optional(),
    actor: text(254, "actor"),
    kid: text(128, "kid"),
    outcome: z
      .enum([...outcomes, ""], { message: "outcome is success, failure or denied." })
      .transform((v) => (v === "" ? undefined : v))
      .optional(),
    from: instant("from", false),
    to: instant("to", true),
    q: text(200, "q"),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, {
    message: "from must be before to.",
    path: ["to"],
  });

export type AuditFilterValues = z.output<typeof auditFilterInput>;

export const auditPageInput = z.object({
  limit: z.coerce
    .number({ message: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit is between 1 and 200.")
    .max(200, "limit is between 1 and 200.")
    .default(50),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "cursor must be a value returned as nextCursor.")
    .optional(),
});

/** For pages: the filter's problems by field, or null when it parses. */
export function filterProblems(raw: Record<string, unknown>): Record<string, string> | null {
  const parsed = auditFilterInput.safeParse(rawFilters(raw));
  if (parsed.success) return null;
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "q"), i.message]));
}

export const filterKeys = ["action", "actor", "kid", "outcome", "from", "to", "q"] as const;

/** Only the filter parameters of a query, as strings (what a URL carries). */
export function rawFilters(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = raw[key];
    if (typeof value === "string" && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}

/** The query string of a filtered view (export links, "older" links). */
export function filterSearch(raw: Record<string, string>, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ ...raw, ...extra });
  const text = params.toString();
  return text ? `?${text}` : "";
}
