// Auth.js v5: email + password (users in our database, scrypt), JWT session in a hardened cookie.
// The cookie only names the user and their session version; every request re-reads the user
// (lib/auth/session.ts), so disabling someone or changing their role takes effect at once.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { publicOrigin, requestMeta } from "@/lib/request-meta";
import { gatehouseSecret } from "@/lib/secret";
import {
  authenticateUser,
  PasswordsOffError,
  RateLimitedError,
  redeemLoginTicket,
  type ServiceContext,
} from "@/lib/services";

export class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

export class PasswordsOffSignIn extends CredentialsSignin {
  code = "passwords_off";
}

function signInContext(request: Request): ServiceContext {
  return { actor: { type: "system", label: "sign-in" }, requestId: newId("request"), ...requestMeta(request.headers) };
}

const SESSION_MAX_AGE = 12 * 60 * 60;

function config(): NextAuthConfig {
  const secure = env().GATEHOUSE_URL.startsWith("https://");
  // Auth.js builds every URL it uses (the request signIn() hands itself, callback and redirect
  // targets) from AUTH_URL, else from Host / X-Forwarded-Host, which the client chooses. Pin it
  // to the public origin (lib/request-meta.ts); trustHost then only skips a check of that header.
  process.env.AUTH_URL = publicOrigin();
  return {
    secret: gatehouseSecret(),
    trustHost: true,
    basePath: "/api/auth",
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE, updateAge: 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const ctx = signInContext(request);
          try {
            const user = await authenticateUser({
              ctx,
              input: { email: String(credentials.email ?? ""), password: String(credentials.password ?? "") },
            });
            return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
          } catch (err) {
            if (err instanceof RateLimitedError) throw new RateLimitedSignIn();
            if (err instanceof PasswordsOffError) throw new PasswordsOffSignIn();
            return null; // one generic "wrong email or password"
          }
        },
      }),
      // Upstream identity providers: the callback (app/api/identity/[slug]/callback) validated the
      // IdP's answer and minted a one-time, two-minute login ticket; this turns it into the same
      // JWT session a password gives, so sessionVersion and every session check stay one path.
      Credentials({
        id: "sso",
        name: "Identity provider",
        credentials: { ticket: {} },
        async authorize(credentials, request) {
          const user = await redeemLoginTicket({
            ctx: signInContext(request),
            input: { ticket: String(credentials.ticket ?? "") },
          });
          return user && { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      // Only ever back to Gatehouse itself: a path, or an absolute URL on the public origin.
      redirect({ url }) {
        const origin = publicOrigin();
        if (url.startsWith("/") && !url.startsWith("//")) return `${origin}${url}`;
        return URL.canParse(url) && new URL(url).origin === origin ? url : `${origin}/`;
      },
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv } as typeof session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
