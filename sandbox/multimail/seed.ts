// The emulator's standard world (keys, mailboxes), shared by `npm run emulator`, the demo and e2e tests.
import type { EmulatorOptions } from "./types";

export const DEMO_KEYS = {
  oversight: "mm_live_emulator_oversight",
  send: "mm_live_emulator_send",
  admin: "mm_live_emulator_admin",
  webhookSecret: "whsec_emulator",
} as const;

export const DEMO_MAILBOXES = {
  followups: "01JMXK9F2A0000000000000001",
  support: "01JMXK9F2A0000000000000002",
} as const;

export function demoEmulatorOptions(input: { port?: number; webhookUrl?: string; scanDelayMs?: number; log?: (line: string) => void }): EmulatorOptions {
  return {
    port: input.port ?? 0,
    scanDelayMs: input.scanDelayMs ?? 1_500,
    keys: [
      { key: DEMO_KEYS.oversight, scopes: ["oversight", "read"], name: "countersign-oversight" },
      { key: DEMO_KEYS.send, scopes: ["send", "read"], name: "countersign-send" },
      { key: DEMO_KEYS.admin, scopes: ["admin", "read"], name: "operator-admin" },
    ],
    mailboxes: [
      { id: DEMO_MAILBOXES.followups, address: "followups@acme-dental.example", display_name: "Acme Dental Follow-ups", oversight_mode: "gated_send" },
      { id: DEMO_MAILBOXES.support, address: "support@acme-dental.example", display_name: "Acme Dental Support", oversight_mode: "gated_send" },
    ],
    webhooks: input.webhookUrl ? [{ url: input.webhookUrl, secret: DEMO_KEYS.webhookSecret }] : [],
    log: input.log,
  };
}
