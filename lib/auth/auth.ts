// better-auth, configured once per process: email + password (no self sign-up), sessions that
// expire, sign-in limited per client address and per account, roles through the admin plugin,
// optional OIDC single sign-on, and no session token in any response body page scripts can read.
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin, genericOAuth } from "better-auth/plugins";
import { getDb, type Db } from "@/lib/db/client";
import { account, rateLimit, session, user, verification } from "@/lib/db/schema";
import { appUrl, env, oidcConfig } from "@/lib/env";
import { ac, authRoles } from "./access-control";
import { appOrigins } from "./app-origins";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom } from "./client-address";
import { authSecret } from "./auth-secret";
import { recordAuthEvent } from "./record-auth-event";
import { consumeSignInAttempt } from "./sign-in-limits";
import { withoutSessionTokens } from "./without-session-tokens";

export const OIDC_PROVIDER_ID = "oidc";

function buildAuth(db: Db, secret: string) {
  const e = env();
  const oidc = oidcConfig();
  return betterAuth({
    appName: "Countersign",
    baseURL: appUrl(),
    secret,
    trustedOrigins: appOrigins(appUrl()),
    database: drizzleAdapter(db, { provider: "pg", schema: { user, session, account, verification, rateLimit } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    session: { expiresIn: e.SESSION_TTL_HOURS * 3600, updateAge: 15 * 60, freshAge: 0 },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      window: 60,
      max: 300,
      customRules: {
        // Password sign-in has its own limits, per client address and per account (the before hook).
        "/sign-in/email": false,
        // Only starts the SSO redirect, nothing to guess; better-auth's default (3 in 10 s) would be
        // shared by the whole team when no trusted proxy names the client (TRUSTED_PROXY_HOPS=0).
        "/sign-in/social": { window: 10, max: 30 },
      },
    },
    advanced: {
      // The client address proxy.ts derived from the trusted proxies' X-Forwarded-For entries
      // (TRUSTED_PROXY_HOPS); absent when there are none, as any client can write that header.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      useSecureCookies: appUrl().startsWith("https://"),
    },
    account: { accountLinking: { enabled: false } },
    // They would hand the SSO provider's access and refresh tokens to page scripts; nothing uses them.
    disabledPaths: ["/get-access-token", "/refresh-token"],
    plugins: [
      admin({ ac, roles: authRoles, adminRoles: ["admin"], defaultRole: oidc?.defaultRole ?? "viewer" }),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                },
              ],
            }),
          ]
        : []),
      nextCookies(),
    ],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Only requests from outside are limited; the app's own calls (first-run, invites) are not.
        if (ctx.path === "/sign-in/email" && ctx.request) {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.slice(0, 320) : null;
          const client = clientAddressFrom(ctx.request.headers.get("x-forwarded-for"), e.TRUSTED_PROXY_HOPS);
          const verdict = await consumeSignInAttempt(db, { client, email }, { perClient: e.SIGNIN_RATE_LIMIT, perAccount: e.SIGNIN_ACCOUNT_RATE_LIMIT });
          if (verdict.allowed) return;
          if (verdict.firstRefusal) {
            await recordAuthEvent(db, {
              action: "auth.rate_limited",
              actor: "anonymous",
              details: { email: email?.slice(0, 200) ?? null, ip: client, limitedBy: verdict.limitedBy },
            });
          }
          throw new APIError(
            "TOO_MANY_REQUESTS",
            { code: "TOO_MANY_ATTEMPTS", message: `Too many sign-in attempts. Try again in ${verdict.retryAfterSeconds} s.` },
            { "Retry-After": String(verdict.retryAfterSeconds) },
          );
        }
        if (ctx.path !== "/sign-out" && ctx.path !== "/revoke-sessions") return;
        const current = await getSessionFromCtx(ctx).catch(() => null);
        if (current) {
          await recordAuthEvent(db, { action: ctx.path === "/sign-out" ? "auth.signed_out" : "auth.signed_out_everywhere", userId: current.user.id });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned: unknown = ctx.context.returned;
        // The session cookie is httpOnly; a token in a JSON body (sign-in, get-session,
        // list-sessions, admin session lists) would hand it to any script on the page.
        const stripped = withoutSessionTokens(returned);
        if (stripped !== returned) return ctx.json(stripped as Record<string, unknown> | null);
        if (ctx.path !== "/sign-in/email") return;
        if (isAPIError(returned)) {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.slice(0, 200) : null;
          await recordAuthEvent(db, { action: "auth.sign_in_failed", actor: "anonymous", details: { email, reason: returned.message } });
        }
      }),
    },
    databaseHooks: {
      session: {
        create: {
          after: async (created) => {
            await recordAuthEvent(db, { action: "auth.signed_in", userId: created.userId, details: { ip: created.ipAddress ?? null } });
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof buildAuth>;

type Global = { __countersignAuth?: Promise<Auth> };
const g = globalThis as Global;

/** The process-wide better-auth instance (it needs the database for its secret). */
export function getAuth(): Promise<Auth> {
  g.__countersignAuth ??= (async () => {
    const db = await getDb();
    return buildAuth(db, await authSecret(db));
  })();
  return g.__countersignAuth;
}

/** Tests rebuild auth after pointing the app at their own database. */
export function resetAuthForTests(): void {
  g.__countersignAuth = undefined;
}
