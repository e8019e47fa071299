import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requirePageActor } from "@/lib/auth/session";

export default async function AccountPage() {
  const actor = await requirePageActor();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">Signed in as {actor.email}.</p>
      </div>
      <ChangePasswordForm />
    </div>
  );
}
