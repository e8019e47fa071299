// A User-Agent header reduced to a family name ("go-http-client", "python-requests",
// "browser"), which is all usage keeps of it: no version, no platform, no address.

const MAX_FAMILY_LENGTH = 40;
const CACHE_LIMIT = 1_000;

// Verifiers poll with a handful of distinct headers, so the parse runs once per header.
const cache = new Map<string, string>();

const browserMarkers = /\b(?:Chrome|Firefox|Safari|Edg|OPR)\//;
const productToken = /^\s*([A-Za-z][A-Za-z0-9._+-]*)/;

export const UNKNOWN_FAMILY = "unknown";
export const OTHER_FAMILY = "other";

function parse(userAgent: string): string {
  if (userAgent.startsWith("Mozilla/") && browserMarkers.test(userAgent)) return "browser";
  const match = productToken.exec(userAgent);
  if (!match) return UNKNOWN_FAMILY;
  return match[1].slice(0, MAX_FAMILY_LENGTH).toLowerCase();
}

export function userAgentFamily(userAgent: string | undefined): string {
  if (!userAgent) return UNKNOWN_FAMILY;
  let family = cache.get(userAgent);
  if (family === undefined) {
    family = parse(userAgent);
    // A flood of distinct headers must not grow memory: start over rather than track order.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(userAgent, family);
  }
  return family;
}
