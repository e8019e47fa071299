// PEM framing (RFC 7468) without any parsing library, so the public certificate path and
// the import parser share one strict reader. No block content is ever put in an error.

export interface PemBlock {
  label: string;
  der: Buffer;
  /** True when the block carries RFC 1421 headers (Proc-Type: 4,ENCRYPTED and friends). */
  hasHeaders: boolean;
}

const block = /-----BEGIN ([A-Z0-9 ]{1,40})-----\r?\n([\s\S]*?)-----END \1-----/g;

/** Every BEGIN/END block in the text, in order; text around the blocks is ignored. */
export function readPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(block)) {
    const body = match[2];
    const hasHeaders = /^[A-Za-z-]+:/m.test(body);
    const base64 = body.replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\s+/g, "");
    blocks.push({ label: match[1], der: Buffer.from(base64, "base64"), hasHeaders });
  }
  return blocks;
}

/** A PEM block with 64-character lines, as RFC 7468 writes it. */
export function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** A certificate chain (standard base64 DER, leaf first) as concatenated PEM blocks. */
export function chainToPem(chain: readonly string[]): string {
  return chain.map((der) => toPem("CERTIFICATE", Buffer.from(der, "base64"))).join("");
}
