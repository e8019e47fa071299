import { defineConfig } from "prisma/config";

// Prisma's CLI is used only to generate the client here; migrations run through
// lib/db/migrate.ts because the CLI's schema engine cannot be downloaded offline.
export default defineConfig({ schema: "prisma/schema.prisma" });
