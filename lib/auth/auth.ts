// better-auth, configured once per process: email + password (no self sign-up), sessions that
// expire, rate-limited sign-in, roles through the admin plugin, and optional OIDC single sign-on.
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin, genericOAuth } from "better-auth/plugins";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { account, rateLimit, session, settings, user, verification } from "@/lib/db/schema";
import { appUrl, env, oidcConfig } from "@/lib/env";
import { ac, authRoles } from "./access-control";
import { recordAuthEvent } from "./record-auth-event";

export const OIDC_PROVIDER_ID = "oidc";

async function authSecret(db: Db): Promise<string> {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  // No secret configured: generate one and keep it in the database, so every instance sharing
  // the database (and every restart) signs sessions with the same key.
  const candidate = randomBytes(32).toString("base64url");
  await db.insert(settings).values({ key: "auth_secret", value: candidate, updatedBy: "system" }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, "auth_secret"));
  return row?.value ?? candidate;
}

function buildAuth(db: Db, secret: string) {
  const e = env();
  const oidc = oidcConfig();
  return betterAuth({
    appName: "Countersign",
    baseURL: appUrl(),
    secret,
    trustedOrigins: trustedOrigins(appUrl()),
    database: drizzleAdapter(db, { provider: "pg", schema: { user, session, account, verification, rateLimit } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    session: { expiresIn: e.SESSION_TTL_HOURS * 3600, updateAge: 15 * 60, freshAge: 0 },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: e.SIGNIN_RATE_LIMIT } },
    },
    advanced: {
      // Behind a proxy the client address comes from X-Forwarded-For; locally there is none, and
      // limits still need a key.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
      useSecureCookies: appUrl().startsWith("https://"),
    },
    account: { accountLinking: { enabled: false } },
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
        if (ctx.path !== "/sign-out" && ctx.path !== "/revoke-sessions") return;
        const current = await getSessionFromCtx(ctx).catch(() => null);
        if (current) {
          await recordAuthEvent(db, { action: ctx.path === "/sign-out" ? "auth.signed_out" : "auth.signed_out_everywhere", userId: current.user.id });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned: unknown = ctx.context.returned;
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

/** The app's own origin; on a local machine both spellings of loopback reach it. */
function trustedOrigins(url: string): string[] {
  const origin = new URL(url);
  if (origin.hostname !== "localhost" && origin.hostname !== "127.0.0.1") return [origin.origin];
  const port = origin.port ? `:${origin.port}` : "";
  return [`${origin.protocol}//localhost${port}`, `${origin.protocol}//127.0.0.1${port}`];
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
