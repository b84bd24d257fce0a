// Where the e2e world lives: the app and the emulator on private ports, and the app's environment.
import path from "node:path";

const appPort = Number(process.env.E2E_APP_PORT ?? 3610);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4610);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? emulatorPort + 10);
const runId = process.env.E2E_RUN_ID ?? String(process.pid);

export const E2E = {
  appPort,
  emulatorPort,
  appUrl: `http://127.0.0.1:${appPort}`,
  /** A second instance with an empty database, for the first-run spec. */
  freshPort: appPort + 1,
  freshUrl: `http://127.0.0.1:${appPort + 1}`,
  emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
  oidcPort,
  oidcUrl: `http://127.0.0.1:${oidcPort}`,
  appEnv: {
    PORT: String(appPort),
    APP_URL: `http://127.0.0.1:${appPort}`,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    LIVEKIT_API_KEY: "APIe2eCountersign",
    LIVEKIT_API_SECRET: "e2e-livekit-secret-value-0001",
    LIVEKIT_CLOUD_PROJECT: "p_e2etest",
    TRANSCRIPT_INGEST_KEY: "ingest_e2e",
    TRANSCRIPT_INGEST_SECRET: "e2e-transcript-ingest-secret-0001",
    OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
    OIDC_CLIENT_ID: "countersign-e2e",
    OIDC_CLIENT_SECRET: "e2e-oidc-client-secret-0001",
    OIDC_DEFAULT_ROLE: "viewer",
    OIDC_LABEL: "Sign in with Acme SSO",
    MULTIMAIL_API_URL: `http://127.0.0.1:${emulatorPort}`,
    MULTIMAIL_OVERSIGHT_KEY: "mm_live_emulator_oversight",
    MULTIMAIL_SEND_KEY: "mm_live_emulator_send",
    MULTIMAIL_WEBHOOK_SECRET: "whsec_emulator",
    MULTIMAIL_ADMIN_KEY: "mm_live_emulator_admin",
    SECRETS_KEY: "e2e-secrets-key-e2e-secrets-key-0001",
    MULTIMAIL_TIMEOUT_MS: "3000",
    PGLITE_DIR: path.resolve(`.data/e2e/${runId}`),
    RECONCILE_INTERVAL_MS: "2000",
    // Every spec signs in from the same address; the limit itself is tested with its own addresses,
    // sent as X-Forwarded-For the way one trusted proxy in front of the app would.
    SIGNIN_RATE_LIMIT: "20",
    SIGNIN_ACCOUNT_RATE_LIMIT: "60",
    TRUSTED_PROXY_HOPS: "1",
    OUTBOX_INTERVAL_MS: "500",
    // Decisions go out at once; the undo spec turns a grace period on in Settings for its own run.
    UNDO_GRACE_SECONDS: "0",
    // /api/metrics answers 404 without a token; with one, the security spec sees it refuse anonymous requests.
    METRICS_TOKEN: "e2e-metrics-token-0001",
    WEBHOOK_MAX_BYTES: "65536",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
  } as Record<string, string>,
};
