// CLI entry for `npm run emulator`: a seeded MultiMail emulator for local development and the demo.
import { z } from "zod";
import { startEmulator } from "./emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "./seed";

const envSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  EMULATOR_HOST: z.string().default("127.0.0.1"),
  EMULATOR_OVERSIGHT_KEY: z.string().min(1).default(DEMO_KEYS.oversight),
  EMULATOR_SEND_KEY: z.string().min(1).default(DEMO_KEYS.send),
  EMULATOR_ADMIN_KEY: z.string().min(1).default(DEMO_KEYS.admin),
  EMULATOR_WEBHOOK_URL: z.url().optional(),
  EMULATOR_WEBHOOK_SECRET: z.string().min(1).default(DEMO_KEYS.webhookSecret),
  EMULATOR_SCAN_DELAY_MS: z.coerce.number().int().min(0).optional(),
  EMULATOR_DELIVERY_DELAY_MS: z.coerce.number().int().min(0).optional(),
});

/** Fixed ids (from seed.ts) so a dashboard's config survives emulator restarts. */
const FOLLOWUPS_ID = DEMO_MAILBOXES.followups;
const SUPPORT_ID = DEMO_MAILBOXES.support;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    process.stderr.write(`Invalid emulator environment:\n${z.prettifyError(parsed.error)}\n`);
    process.exit(1);
  }
  const env = parsed.data;
  // The seeded world (mailboxes) comes from seed.ts, shared with the demo; keys and secret may be overridden.
  const seeded = demoEmulatorOptions({
    port: env.EMULATOR_PORT,
    webhookUrl: env.EMULATOR_WEBHOOK_URL,
    scanDelayMs: env.EMULATOR_SCAN_DELAY_MS,
    log: (line) => out(`[emulator] ${line}`),
  });
  const emulator = await startEmulator({
    ...seeded,
    host: env.EMULATOR_HOST,
    deliveryDelayMs: env.EMULATOR_DELIVERY_DELAY_MS,
    keys: [
      { key: env.EMULATOR_OVERSIGHT_KEY, scopes: ["oversight", "read"], name: "countersign-oversight" },
      { key: env.EMULATOR_SEND_KEY, scopes: ["send", "read"], name: "countersign-send" },
      { key: env.EMULATOR_ADMIN_KEY, scopes: ["admin", "read"], name: "operator-admin" },
    ],
    webhooks: env.EMULATOR_WEBHOOK_URL ? [{ url: env.EMULATOR_WEBHOOK_URL, secret: env.EMULATOR_WEBHOOK_SECRET }] : [],
  });

  out("");
  out(`MultiMail emulator: ${emulator.url}`);
  out(`  oversight key  ${env.EMULATOR_OVERSIGHT_KEY}  [oversight, read]`);
  out(`  send key       ${env.EMULATOR_SEND_KEY}  [send, read]`);
  out(`  admin key      ${env.EMULATOR_ADMIN_KEY}  [admin, read]`);
  out(`  mailbox        ${FOLLOWUPS_ID}  followups@acme-dental.example (gated_send)`);
  out(`  mailbox        ${SUPPORT_ID}  support@acme-dental.example (gated_send)`);
  out(
    env.EMULATOR_WEBHOOK_URL
      ? `  webhooks       ${env.EMULATOR_WEBHOOK_URL} (all events, secret ${env.EMULATOR_WEBHOOK_SECRET})`
      : "  webhooks       none (set EMULATOR_WEBHOOK_URL, or POST /__emulator/webhooks/subscribe)",
  );
  out(`  control API    ${emulator.url}/__emulator/state`);
  out("");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`[emulator] ${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main().catch((err: unknown) => {
  process.stderr.write(`MultiMail emulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
