import { cardClass, buttonBase, buttonVariants } from "../ui/variants";
import { VerifyChain } from "./verify-chain";

export function ChainPanel({ slug }: { slug: string }) {
  return (
    <section className={cardClass} aria-labelledby="chain-heading">
      <h2 id="chain-heading" className="mb-1 text-lg font-semibold">
        Chain integrity
      </h2>
      <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
        Events form one hash chain across all tenants. Verifying recomputes every link and names the
        first event that was edited, removed, inserted or reordered. A signed checkpoint lets you
        prove later, from a copy kept elsewhere, that nothing before it changed.
      </p>
      <div className="flex flex-wrap items-start gap-6">
        <VerifyChain slug={slug} />
        <a
          href={`/tenants/${slug}/audit/checkpoint`}
          download
          className={`${buttonBase} ${buttonVariants.secondary}`}
        >
          Download signed checkpoint
        </a>
      </div>
    </section>
  );
}
