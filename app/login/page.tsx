import { Suspense } from "react";
import { LoginForm } from "@/components/layout/login-form";

export const dynamic = "force-dynamic";

export default function LoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div>
          <h1 className="text-2xl font-semibold">Sign in to Keyward</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Key management for your tenants&apos; JSON Web Keys.
          </p>
        </div>
        <Suspense>
          <LoginForm />
        </Suspense>
      </div>
    </main>
  );
}
