"use client";

import { useQuery } from "@tanstack/react-query";
import type { TenantUsage } from "@/lib/usage/service";
import type { UsageWindow } from "@/lib/usage/windows";

// Usage data in the browser: one query-key factory, one hook. Polling stops while the tab
// is hidden (TanStack Query's default for refetchInterval) and resumes when it is shown.

export const REFRESH_MS = 5_000;

export const usageKeys = {
  all: ["usage"] as const,
  tenant: (slug: string) => [...usageKeys.all, slug] as const,
  window: (slug: string, window: UsageWindow) => [...usageKeys.tenant(slug), window] as const,
};

async function fetchUsage(slug: string, window: UsageWindow): Promise<TenantUsage> {
  const response = await fetch(`/tenants/${encodeURIComponent(slug)}/usage/data?window=${window}`, {
    cache: "no-store",
    headers: { accept: "application/json" },
  });
  if (response.redirected) throw new Error("Your session has ended. Sign in again.");
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  return body as TenantUsage;
}

export function useTenantUsage(slug: string, window: UsageWindow, initial?: TenantUsage) {
  return useQuery({
    queryKey: usageKeys.window(slug, window),
    queryFn: () => fetchUsage(slug, window),
    initialData: initial?.window === window ? initial : undefined,
    initialDataUpdatedAt: initial ? Date.parse(initial.to) : undefined,
    refetchInterval: REFRESH_MS,
  });
}
