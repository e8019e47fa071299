import pino from "pino";

// One JSON object per event. Redaction is the second line of defence: call sites log ids
// and counts, never key material, tokens or request bodies.
export const logger = pino({
  level: process.env.KEYWARD_LOG_LEVEL ?? "info",
  base: { service: "keyward" },
  redact: {
    paths: [
      "*.password",
      "*.privateJwk",
      "*.d",
      "*.p",
      "*.q",
      "*.dp",
      "*.dq",
      "*.qi",
      "*.k",
      "*.token",
      "*.authorization",
      "*.secret",
    ],
    censor: "[redacted]",
  },
});
