import { presentCertificate } from "@/lib/keys/certificates";
import { CopyButton } from "../ui/copy-button";
import { Time } from "../ui/time";
import { cardClass } from "../ui/variants";
import { CertificateForm } from "./certificate-form";

const certifiable = ["staged", "active", "retired", "unpublished"];

interface KeyRow {
  kid: string;
  kty: string;
  state: string;
  canSign: boolean;
  certificateChain: string[];
  x5tS256: string | null;
}

/**
 * A key's X.509 certificate as verifiers see it, and (for managers) attaching one.
 * Symmetric keys have none and render nothing.
 */
export function CertificatePanel({
  slug,
  keyRow,
  canManage,
}: {
  slug: string;
  keyRow: KeyRow;
  canManage: boolean;
}) {
  if (keyRow.kty === "oct") return null;
  const { kid } = keyRow;
  const certificate = presentCertificate(slug, keyRow);
  const canAttach = canManage && certifiable.includes(keyRow.state);
  const facts: [string, React.ReactNode][] = certificate
    ? [
        ["Subject", certificate.subject],
        [
          "Issuer",
          certificate.selfSigned ? `${certificate.issuer} (self-signed)` : certificate.issuer,
        ],
        ["Valid from", <Time key="f" value={certificate.validFrom} />],
        ["Valid to", <Time key="t" value={certificate.validTo} />],
        [
          "Chain",
          `${certificate.x5c.length} ${certificate.x5c.length === 1 ? "certificate" : "certificates"}`,
        ],
        [
          "x5t#S256",
          <code key="x" className="break-all">
            {certificate.x5tS256}
          </code>,
        ],
      ]
    : [];

  return (
    <section className={cardClass} aria-labelledby="certificate-heading">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="certificate-heading" className="text-lg font-semibold">
          Certificate
        </h2>
        {canAttach && (
          <CertificateForm
            slug={slug}
            kid={kid}
            canSelfSign={keyRow.canSign}
            replacing={certificate !== null}
          />
        )}
      </div>
      {!certificate ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No certificate. With one, the published JWK carries x5c, x5t#S256 and an x5u link.
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {facts.map(([label, value]) => (
              <div key={label} className="flex gap-2">
                <dt className="w-24 shrink-0 text-slate-500">{label}</dt>
                <dd className="min-w-0">{value}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-500">Public URL (x5u):</span>
            <code className="rounded bg-slate-100 px-2 py-1 break-all dark:bg-slate-800">
              {certificate.url}
            </code>
            <CopyButton value={certificate.url} label="Copy URL" />
            <CopyButton value={certificate.pem} label="Copy PEM" />
          </div>
        </>
      )}
    </section>
  );
}
