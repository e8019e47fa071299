"use server";

import { revalidatePath } from "next/cache";
import { invalid } from "../errors";
import { importKeys } from "../keys/import";
import { field, runAction } from "./run";
import type { ActionState } from "./state";

// The console pastes one text box: a PEM block, a JWK or a JWKS. Which one it is follows
// from its first characters; the domain validates the rest.
function importBody(text: string, alg: string | undefined) {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return { pem: trimmed, alg };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw invalid("Paste a PEM key, a JWK or a JWKS.", {
      material: "This is neither a PEM block nor JSON.",
    });
  }
  const isSet = typeof parsed === "object" && parsed !== null && "keys" in parsed;
  return isSet ? { jwks: parsed, alg } : { jwk: parsed, alg };
}

export async function importKeysAction(
  slug: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("importKeys", async (actor) => {
    const text = field(form, "material");
    if (!text) throw invalid("Paste the key to import.", { material: "Paste a key first." });
    const { keys, warnings } = await importKeys(actor, slug, importBody(text, field(form, "alg")));
    revalidatePath(`/tenants/${slug}`);
    const list = keys.map((k) => `${k.kid.slice(0, 16)}… (${k.alg}, ${k.state})`).join(", ");
    return {
      message: `Imported ${keys.length} ${keys.length === 1 ? "key" : "keys"}: ${list}.`,
      notes: warnings.map((w) => `Entry ${w.entry + 1}${w.kid ? ` (${w.kid})` : ""}: ${w.message}`),
    };
  });
}
