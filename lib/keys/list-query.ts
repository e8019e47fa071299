import { z } from "zod";

const states = [
  "staged",
  "active",
  "retired",
  "unpublished",
  "revoked",
  "destroy_scheduled",
  "destroyed",
] as const;

const schema = z.object({
  state: z.enum(states).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const KEY_PAGE_SIZE = 20;

/** The key list's URL parameters; anything malformed falls back to the default view. */
export function keyListQuery(searchParams: Record<string, string | undefined>) {
  const parsed = schema.parse(searchParams);
  return {
    state: parsed.state,
    query: parsed.q || undefined,
    page: parsed.page ?? 1,
    pageSize: KEY_PAGE_SIZE,
  };
}

export type KeyListQuery = ReturnType<typeof keyListQuery>;
export const keyStates = states;
