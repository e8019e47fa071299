import { withAuth } from "next-auth/middleware";

// Pages need a session. The public JWKS paths never reach Next; /api/v1 authenticates
// with bearer tokens in its own wrapper; next-auth's own routes must stay open.
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!api/|login|_next/|favicon.ico|icon.svg|t/).*)"],
};
