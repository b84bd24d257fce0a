// The one place configuration is read: every variable is validated here, at boot, with zod.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const boolFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalIntFrom = (min: number) => z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().int().min(min)).optional();

const intFrom = (min: number, fallback: number) => optionalIntFrom(min).transform((v) => v ?? fallback);

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional().default("development"),
  /** Base URL of the MultiMail API, e.g. https://api.multimail.dev (the emulator in the demo). */
  MULTIMAIL_API_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Key with the oversight (+ read) scopes: list pending, get, decide. */
  MULTIMAIL_OVERSIGHT_KEY: optionalString,
  /** Key with the send scope: re-sends edited drafts and replies (multimail-api.md §1: never both). */
  MULTIMAIL_SEND_KEY: optionalString,
  /** Signing secret of the webhook subscription (whsec_…). */
  MULTIMAIL_WEBHOOK_SECRET: optionalString,
  /** Key with the admin scope (Settings → MultiMail): registers the webhook and creates mailboxes, each with the operator's approval code. */
  MULTIMAIL_ADMIN_KEY: optionalString,
  /** Encrypts secrets Countersign stores itself (the webhook signing secret registered from Settings), AES-256-GCM; at least 32 characters. */
  SECRETS_KEY: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /** Also try the secret without its whsec_ prefix (multimail-api.md §6.7). */
  MULTIMAIL_WEBHOOK_STRIP_PREFIX: boolFlag,
  MULTIMAIL_TIMEOUT_MS: intFrom(100, 10_000),
  /** PostgreSQL connection string; when absent, an embedded PGlite database in PGLITE_DIR. */
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  PGLITE_DIR: optionalString.transform((v) => v ?? ".data/pglite"),
  PORT: intFrom(1, 3000).pipe(z.number().max(65_535)),
  /** How often the reconciler polls the pending list, in ms. */
  RECONCILE_INTERVAL_MS: intFrom(1_000, 30_000),
  /** How often undelivered decisions and re-sends are retried, in ms. */
  OUTBOX_INTERVAL_MS: intFrom(200, 5_000),
  /** Largest webhook body accepted, in bytes. */
  WEBHOOK_MAX_BYTES: intFrom(1_024, 256 * 1024),
  /** Run the reconciler and outbox worker in this process (turn off for a web-only instance). */
  BACKGROUND_WORKER: z
    .enum(["on", "off"])
    .optional()
    .transform((v) => v !== "off"),
  /** Public URL of this deployment (sign-in callbacks, invite links, CSRF origin checks). */
  APP_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Secret that signs sessions (at least 32 characters). When absent, one is generated and kept in the database. */
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /** How long a sign-in lasts without activity, in hours. */
  SESSION_TTL_HOURS: intFrom(1, 12),
  /** Sign-in attempts allowed per client address per minute. */
  SIGNIN_RATE_LIMIT: intFrom(1, 5),
  /** Sign-in attempts allowed per account per minute, from all addresses together (default 4 × SIGNIN_RATE_LIMIT). */
  SIGNIN_ACCOUNT_RATE_LIMIT: optionalIntFrom(1),
  /** Reverse proxies in front of Countersign that append to X-Forwarded-For; 0 ignores the header (any client can write it). */
  TRUSTED_PROXY_HOPS: intFrom(0, 0).pipe(z.number().max(10)),
  /** Agent API calls allowed per agent key per minute. */
  AGENT_API_RATE_LIMIT: intFrom(1, 60),
  /** Four-eyes: an email a reviewer edited or wrote must be approved by someone else (admins can also set it in Settings). */
  FOUR_EYES: boolFlag,
  /** Seconds a reviewer's decision waits before it goes to MultiMail, so it can be undone (0: at once). An admin's choice in Settings wins. */
  UNDO_GRACE_SECONDS: intFrom(0, 10).pipe(z.number().max(300)),
  /** How long a reviewer's claim on an open email lasts without a heartbeat, in seconds. */
  CLAIM_TTL_SECONDS: intFrom(15, 120),
  /** Optional single sign-on through any OpenID Connect provider. */
  OIDC_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  /** Role of a person's first SSO sign-in. */
  OIDC_DEFAULT_ROLE: z.enum(["viewer", "reviewer", "admin"]).optional().default("viewer"),
  /** Label of the SSO button. */
  OIDC_LABEL: optionalString.transform((v) => v ?? "Single sign-on"),
  /** LiveKit API key and secret: verify LiveKit's signed webhooks (livekit.md §1.2) and sign room look-ups. */
  LIVEKIT_API_KEY: optionalString,
  LIVEKIT_API_SECRET: optionalString,
  /** LiveKit server (wss:// or https://); when set, unfinished sessions show whether the call is still live. */
  LIVEKIT_URL: optionalString.pipe(z.url({ protocol: /^(wss?|https?)$/ }).optional()),
  /** LiveKit Cloud project id (p_…): adds a link to the session in LiveKit Cloud (livekit.md §3.3). */
  LIVEKIT_CLOUD_PROJECT: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, "must be a project id such as p_abc123")
      .optional(),
  ),
  /** Allowed clock skew when verifying LiveKit webhook tokens, in seconds (livekit.md §5). */
  LIVEKIT_WEBHOOK_TOLERANCE_SECONDS: intFrom(0, 10),
  /** Dedicated key and secret the agents sign transcript uploads with (livekit.md §3.4); not the LiveKit secret. */
  TRANSCRIPT_INGEST_KEY: optionalString,
  TRANSCRIPT_INGEST_SECRET: optionalString,
  /** Largest transcript upload accepted, in bytes. */
  TRANSCRIPT_MAX_BYTES: intFrom(1_024, 2 * 1024 * 1024),
  /** A transcript not received this many minutes after its room finished is shown as missing. */
  TRANSCRIPT_MISSING_AFTER_MINUTES: intFrom(1, 15),
  /** Bearer token for GET /api/metrics (Prometheus); without it the endpoint answers 404. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /** Clear bodies and transcripts this many days after an email was decided (decisions, audit and metadata stay); unset keeps them forever. */
  RETENTION_DAYS: optionalIntFrom(1),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional().default("info"),
});

const envSchema = serverSchema
  .superRefine((e, issue) => {
    // One address must not be able to use up an account's whole budget, or it could lock the account.
    if (e.SIGNIN_ACCOUNT_RATE_LIMIT !== undefined && e.SIGNIN_ACCOUNT_RATE_LIMIT <= e.SIGNIN_RATE_LIMIT) {
      issue.addIssue({ code: "custom", path: ["SIGNIN_ACCOUNT_RATE_LIMIT"], message: `must be higher than SIGNIN_RATE_LIMIT (${e.SIGNIN_RATE_LIMIT})` });
    }
  })
  .transform((e) => ({ ...e, SIGNIN_ACCOUNT_RATE_LIMIT: e.SIGNIN_ACCOUNT_RATE_LIMIT ?? 4 * e.SIGNIN_RATE_LIMIT }));

export type ServerEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates a raw environment; throws one EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const raw = source[name];
    const shown = raw === undefined ? "" : ` (got ${JSON.stringify(name.includes("KEY") || name.includes("SECRET") || name.includes("TOKEN") ? "…" : raw)})`;
    return `  ${name}: ${issue.message}${shown}`;
  });
  throw new EnvError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
}

let cached: ServerEnv | undefined;

/** Tests change process.env, then call this so the next env() reads it again. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** The validated server environment, parsed on first use (instrumentation.ts parses it at boot). */
export function env(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The public URL of this deployment. */
export function appUrl(): string {
  const e = env();
  return (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

/** The OIDC provider, when all three variables are set. */
export function oidcConfig(): { issuer: string; clientId: string; clientSecret: string; defaultRole: "viewer" | "reviewer" | "admin"; label: string } | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    defaultRole: e.OIDC_DEFAULT_ROLE,
    label: e.OIDC_LABEL,
  };
}

/** The MultiMail connection, or null with the reason when it is not configured. */
export function multimailConfig():
  | { configured: true; apiUrl: string; oversightKey: string; sendKey: string | undefined; webhookSecret: string | undefined; timeoutMs: number }
  | { configured: false; missing: string[] } {
  const e = env();
  const missing = [!e.MULTIMAIL_API_URL && "MULTIMAIL_API_URL", !e.MULTIMAIL_OVERSIGHT_KEY && "MULTIMAIL_OVERSIGHT_KEY"].filter((v): v is string => Boolean(v));
  if (!e.MULTIMAIL_API_URL || !e.MULTIMAIL_OVERSIGHT_KEY) return { configured: false, missing };
  return {
    configured: true,
    apiUrl: e.MULTIMAIL_API_URL,
    oversightKey: e.MULTIMAIL_OVERSIGHT_KEY,
    sendKey: e.MULTIMAIL_SEND_KEY,
    webhookSecret: e.MULTIMAIL_WEBHOOK_SECRET,
    timeoutMs: e.MULTIMAIL_TIMEOUT_MS,
  };
}
