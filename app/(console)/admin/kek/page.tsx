import { KekRewrapPanel } from "@/components/admin/kek-rewrap-panel";
import { Forbidden } from "@/components/ui/forbidden";
import { cardClass } from "@/components/ui/variants";
import { requirePageActor } from "@/lib/auth/session";
import { getKekStatus } from "@/lib/keys/kek-rotation";

const roleText = {
  current: "current (KEYWARD_MASTER_KEY)",
  previous: "previous (KEYWARD_PREVIOUS_MASTER_KEYS)",
  missing: "not configured",
};

export default async function KekPage() {
  const actor = await requirePageActor();
  if (!actor.isAdmin) return <Forbidden message="Only instance administrators manage the KEK." />;
  const status = await getKekStatus(actor);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Key-encryption key</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Every private key and secret is stored wrapped by a KEK. To roll a new one in, start every
          instance with the new KEYWARD_MASTER_KEY and the old one in KEYWARD_PREVIOUS_MASTER_KEYS,
          re-wrap here (or run npm run kek:rotate), then remove the old KEK.
        </p>
      </div>
      <section className={cardClass} aria-labelledby="kek-usage">
        <h2 id="kek-usage" className="mb-3 text-lg font-semibold">
          Keys per KEK
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 font-medium">KEK id</th>
              <th className="py-1 font-medium">Role</th>
              <th className="py-1 text-right font-medium">Tenant keys</th>
              <th className="py-1 text-right font-medium">System keys</th>
              <th className="py-1 font-medium">Can be dropped</th>
            </tr>
          </thead>
          <tbody>
            {status.kekIds.map((usage) => (
              <tr key={usage.kekId} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 font-mono">{usage.kekId}</td>
                <td className="py-1">{roleText[usage.role]}</td>
                <td className="py-1 text-right">{usage.keys}</td>
                <td className="py-1 text-right">{usage.systemKeys}</td>
                <td className="py-1">
                  {usage.role === "current"
                    ? "—"
                    : status.droppable.includes(usage.kekId)
                      ? "Yes: no key uses it"
                      : "No: re-wrap first"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {status.unreadable > 0 && (
          <p role="status" className="mt-3 text-sm text-red-700 dark:text-red-300">
            {status.unreadable} keys are wrapped by a KEK that is not configured: they cannot sign
            until that KEK is added to KEYWARD_PREVIOUS_MASTER_KEYS.
          </p>
        )}
      </section>
      <section className={cardClass} aria-labelledby="kek-rewrap">
        <h2 id="kek-rewrap" className="mb-3 text-lg font-semibold">
          Re-wrap
        </h2>
        <KekRewrapPanel initial={status} />
      </section>
    </div>
  );
}
