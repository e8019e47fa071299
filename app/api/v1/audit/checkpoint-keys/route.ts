// GET /api/v1/audit/checkpoint-keys — the public keys that sign audit checkpoints, as a JWK
// set. Public on purpose (like a JWKS): an auditor pins them to verify checkpoints offline.
import crypto from "node:crypto";
import { errorResponse, jsonResponse } from "@/lib/api/handler";
import { checkpointKeySet } from "@/lib/audit/checkpoints";

export async function GET() {
  try {
    return jsonResponse(await checkpointKeySet(), 200, { "access-control-allow-origin": "*" });
  } catch (error) {
    return errorResponse(error, crypto.randomUUID());
  }
}
