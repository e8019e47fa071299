"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

/** Only ever return to a page of this site, whatever the callback URL says. */
function sameOriginPath(value: string | null): string {
  if (!value) return "/";
  try {
    const url = new URL(value, window.location.origin);
    return url.origin === window.location.origin ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until hydration the form cannot submit through next-auth; say so instead of ignoring clicks.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError("Wrong email or password, or too many attempts. Wait a moment and try again.");
      return;
    }
    router.replace(sameOriginPath(params.get("callbackUrl")));
    router.refresh();
  }

  return (
    <form action={submit} className="space-y-4">
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      {error && (
        <p role="status" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {!hydrated ? "Loading…" : pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
