import path from "node:path";
import { z } from "zod";

// Parsed once; a bad value stops start-up with a message naming the variable.
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  KEYWARD_DATA_DIR: z.string().min(1).default(".keyward"),
  KEYWARD_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")
    .optional(),
  KEYWARD_PREVIOUS_MASTER_KEYS: z.string().optional(),
  KEYWARD_ADMIN_EMAIL: z.string().email().optional(),
  KEYWARD_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  KEYWARD_ADMIN_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  KEYWARD_PUBLIC_URL: z.string().url().optional(),
  KEYWARD_LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "silent"]).default("info"),
  // Usage counting (lib/usage): "off" exists so a benchmark can compare the JWKS route
  // with and without it in one run.
  KEYWARD_USAGE_COUNTING: z.enum(["on", "off"]).default("on"),
  KEYWARD_USAGE_FLUSH_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  // Rotation scheduler (lib/rotation/scheduler.ts): how often it looks for due work; 0 = off.
  KEYWARD_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().optional(),
});

export type Env = z.infer<typeof schema> & { dataDir: string; publicUrl: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  const value = parsed.data;
  const publicUrl = (value.KEYWARD_PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(
    /\/$/,
    "",
  );
  cached = { ...value, dataDir: path.resolve(value.KEYWARD_DATA_DIR), publicUrl };
  return cached;
}
