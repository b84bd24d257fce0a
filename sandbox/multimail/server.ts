// CLI entry for `npm run emulator`: a seeded MultiMail emulator for local development and the demo.
// Flags (`npm run emulator -- --strict --status-after-approval=read`) override the matching env variables.
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
  EMULATOR_STRICT: z.enum(["0", "1", "true", "false"]).optional(),
  EMULATOR_STATUS_AFTER_APPROVAL: z.string().min(1).optional(),
  EMULATOR_STATUS_AFTER_SEND: z.string().min(1).optional(),
});

const FLAGS: Record<string, string> = {
  "--strict": "EMULATOR_STRICT",
  "--status-after-approval": "EMULATOR_STATUS_AFTER_APPROVAL",
  "--status-after-send": "EMULATOR_STATUS_AFTER_SEND",
  "--port": "EMULATOR_PORT",
};

/** `--strict`, `--no-strict`, `--name=value` or `--name value` → the env variable they stand for. */
function flagsAsEnv(argv: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--no-strict") {
      env.EMULATOR_STRICT = "0";
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const variable = FLAGS[name];
    if (!variable) throw new Error(`Unknown flag ${name} (known: ${Object.keys(FLAGS).join(", ")}, --no-strict)`);
    if (name === "--strict") env[variable] = inline ?? "1";
    else if (inline !== undefined) env[variable] = inline;
    else if (argv[i + 1] !== undefined) env[variable] = argv[++i] as string;
    else throw new Error(`${name} needs a value`);
  }
  return env;
}

/** Fixed ids (from seed.ts) so a dashboard's config survives emulator restarts. */
const FOLLOWUPS_ID = DEMO_MAILBOXES.followups;
const SUPPORT_ID = DEMO_MAILBOXES.support;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  let flags: Record<string, string>;
  try {
    flags = flagsAsEnv(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const parsed = envSchema.safeParse({ ...process.env, ...flags });
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
    strict: env.EMULATOR_STRICT === "1" || env.EMULATOR_STRICT === "true",
    statusAfterApproval: env.EMULATOR_STATUS_AFTER_APPROVAL,
    statusAfterSend: env.EMULATOR_STATUS_AFTER_SEND,
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
  const mode = (await (await fetch(`${emulator.url}/__emulator/options`)).json()) as Record<string, unknown>;
  out(
    `  mode           ${mode.strict ? "strict" : "default"} (status after approval ${String(mode.status_after_approval)}, after an ungated send ${String(mode.status_after_send)})`,
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
