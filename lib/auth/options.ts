import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAuditEvent } from "../db/audit-events";
import { findCredentials } from "../db/users";
import { logger } from "../logger";
import { verifyPassword } from "./passwords";
import { loginThrottle } from "./throttle";

// A fixed hash to verify against when the email is unknown, so a miss costs the same
// time as a wrong password and does not reveal which emails have accounts.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$fYZj5BK1hNzQdwIc342QHQ$Lh5Z2B13Hqqd3N17Gjpp8PpZQYl4aOQlBg3TvhiZ86A";

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  return typeof forwarded === "string" ? forwarded.split(",")[0].trim() : null;
}

async function recordLogin(
  outcome: "success" | "failure",
  email: string,
  userId: string | null,
  ip: string | null,
) {
  await recordAuditEvent({
    tenantId: null,
    actorType: "user",
    actorId: userId,
    actorLabel: email,
    action: outcome === "success" ? "auth.signed_in" : "auth.sign_in_failed",
    outcome,
    targetType: "user",
    targetId: userId,
    kid: null,
    ip,
    details: {},
  });
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "")
          .trim()
          .toLowerCase()
          .slice(0, 254);
        const password = String(credentials?.password ?? "").slice(0, 1024);
        const ip = clientIp(req?.headers as Record<string, unknown>);
        if (!email || !password) return null;
        if (!loginThrottle.allow(email)) {
          logger.warn({ ip }, "sign-in throttled");
          await recordLogin("failure", email, null, ip);
          return null;
        }

        const user = await findCredentials(email);
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
        if (!user || !ok) {
          loginThrottle.fail(email);
          await recordLogin("failure", email, user?.id ?? null, ip);
          return null;
        }
        loginThrottle.succeed(email);
        await recordLogin("success", email, user.id, ip);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
    session: ({ session, token }) => ({ ...session, userId: token.sub }),
  },
};
