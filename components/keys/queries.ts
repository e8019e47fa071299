"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

// The public JWKS as verifiers see it, fetched from the public URL itself. One key factory;
// console mutations that change keys invalidate through it.

export const jwksKeys = {
  all: ["jwks"] as const,
  tenant: (slug: string) => [...jwksKeys.all, slug] as const,
};

export interface PublishedJwks {
  keys: { kid: string; alg: string }[];
}

export function usePublishedJwks(slug: string) {
  return useQuery({
    queryKey: jwksKeys.tenant(slug),
    queryFn: async (): Promise<PublishedJwks> => {
      const response = await fetch(`/t/${encodeURIComponent(slug)}/.well-known/jwks.json`, {
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
    refetchInterval: 5_000,
  });
}

/** Refetches the published JWKS whenever a console action on the tenant's keys succeeds. */
export function useRefreshJwksOnSuccess(slug: string, state: { ok: boolean; at?: number }) {
  const client = useQueryClient();
  useEffect(() => {
    if (state.ok) void client.invalidateQueries({ queryKey: jwksKeys.tenant(slug) });
  }, [client, slug, state.ok, state.at]);
}
