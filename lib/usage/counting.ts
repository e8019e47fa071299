import { UsageRecorder } from "./recorder";

// The process's recorder, on globalThis because the custom server (JWKS) and Next's
// bundles (sign, verify) load separate copies of this module. Until a recorder is
// installed (KEYWARD_USAGE_COUNTING=off, scripts, unit tests) counting does nothing.

const globalKey = Symbol.for("keyward.usage-recorder");
const store = globalThis as typeof globalThis & { [globalKey]?: UsageRecorder };

export function installUsageRecorder(recorder = new UsageRecorder()): UsageRecorder {
  store[globalKey] = recorder;
  return recorder;
}

export function uninstallUsageRecorder() {
  store[globalKey] = undefined;
}

export function countSignature(tenantId: string, keyId: string) {
  store[globalKey]?.countSignature(tenantId, keyId);
}

export function countVerification(tenantId: string, keyId: string) {
  store[globalKey]?.countVerification(tenantId, keyId);
}

export function countJwksFetch(
  tenantId: string,
  userAgent: string | undefined,
  notModified: boolean,
) {
  store[globalKey]?.countJwksFetch(tenantId, userAgent, notModified);
}
