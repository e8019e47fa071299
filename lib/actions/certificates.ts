"use server";

import { revalidatePath } from "next/cache";
import { attachCertificate } from "../keys/certificates";
import { field, runAction } from "./run";
import type { ActionState } from "./state";

export async function selfSignCertificateAction(
  slug: string,
  kid: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("selfSignCertificate", async (actor) => {
    await attachCertificate(actor, slug, kid, {
      selfSigned: { subject: field(form, "subject") ?? "", days: field(form, "days") ?? 365 },
    });
    revalidatePath(`/tenants/${slug}/keys/${kid}`);
    return { message: "Self-signed certificate attached. The JWKS now carries it as x5c." };
  });
}

export async function uploadCertificateAction(
  slug: string,
  kid: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runAction("uploadCertificate", async (actor) => {
    await attachCertificate(actor, slug, kid, { pem: field(form, "pem") ?? "" });
    revalidatePath(`/tenants/${slug}/keys/${kid}`);
    return { message: "Certificate chain attached. The JWKS now carries it as x5c." };
  });
}
