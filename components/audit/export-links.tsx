import { filterSearch } from "@/lib/audit/query";
import { buttonBase, buttonVariants } from "../ui/variants";

/** Downloads of the current view; plain links, so the browser streams them to disk. */
export function ExportLinks({ slug, filters }: { slug: string; filters: Record<string, string> }) {
  const href = (format: string) =>
    `/tenants/${slug}/audit/export${filterSearch(filters, { format })}`;
  return (
    <div className="flex gap-2" role="group" aria-label="Export">
      <a href={href("csv")} download className={`${buttonBase} ${buttonVariants.secondary}`}>
        Export CSV
      </a>
      <a href={href("jsonl")} download className={`${buttonBase} ${buttonVariants.secondary}`}>
        Export JSON Lines
      </a>
    </div>
  );
}
