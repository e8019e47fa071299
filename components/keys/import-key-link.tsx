import Link from "next/link";
import { buttonBase, buttonVariants } from "../ui/variants";

/** The keys page's way to the import page (rendered for members who may manage keys). */
export function ImportKeyLink({ slug }: { slug: string }) {
  return (
    <div className="flex justify-end">
      <Link
        href={`/tenants/${slug}/import`}
        className={`${buttonBase} ${buttonVariants.secondary}`}
      >
        Import a key…
      </Link>
    </div>
  );
}
