"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function TenantNav({
  slug,
  showAudit,
  showAdmin,
}: {
  slug: string;
  showAudit: boolean;
  showAdmin: boolean;
}) {
  const pathname = usePathname();
  const base = `/tenants/${slug}`;
  const tabs = [
    { href: base, label: "Keys", show: true },
    { href: `${base}/usage`, label: "Usage", show: true },
    { href: `${base}/policies`, label: "Policies", show: true },
    { href: `${base}/audit`, label: "Audit", show: showAudit },
    { href: `${base}/members`, label: "Members", show: showAdmin },
    { href: `${base}/tokens`, label: "API tokens", show: showAdmin },
    { href: `${base}/settings`, label: "Settings", show: showAdmin },
  ].filter((t) => t.show);

  return (
    <nav aria-label="Tenant" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {tabs.map((tab) => {
        const current =
          tab.href === base
            ? pathname === base || pathname.startsWith(`${base}/keys`)
            : pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${current ? "border-indigo-600 font-medium" : "border-transparent text-slate-500 hover:text-slate-900 dark:hover:text-slate-100"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
