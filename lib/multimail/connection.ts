// The configured MultiMail clients: the oversight key decides, the send key re-sends (never one key for both).
import { multimailConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createMultiMailClient, type MultiMailClient } from "./client";

type Clients = { oversight: MultiMailClient; send: MultiMailClient | null; decideOnce?: MultiMailClient; outbox?: MultiMailClient };
type Global = { __countersignClients?: Clients | null };
const g = globalThis as Global;
/** One decide attempt's limit; the outbox's claim (lib/review/deliver-decision.ts) outlasts three plus their backoff. */
export const DECIDE_TIMEOUT_MS = 5_000;

function clients() {
  if (g.__countersignClients !== undefined) return g.__countersignClients;
  const config = multimailConfig();
  g.__countersignClients = config.configured
    ? {
        oversight: createMultiMailClient({ baseUrl: config.apiUrl, apiKey: config.oversightKey, timeoutMs: config.timeoutMs }),
        // A reviewer's click: one attempt with a short timeout, it never waits on retries.
        decideOnce: createMultiMailClient({
          baseUrl: config.apiUrl,
          apiKey: config.oversightKey,
          timeoutMs: Math.min(config.timeoutMs, DECIDE_TIMEOUT_MS),
          maxRetries: 0,
        }),
        // The outbox: a few quick retries inside one claim, each short, so a delivery always ends
        // before its claim lapses; longer outages back off between claims.
        outbox: createMultiMailClient({
          baseUrl: config.apiUrl,
          apiKey: config.oversightKey,
          timeoutMs: Math.min(config.timeoutMs, DECIDE_TIMEOUT_MS),
          maxRetries: 2,
          maxRetryAfterMs: 2_000,
        }),
        send: config.sendKey ? createMultiMailClient({ baseUrl: config.apiUrl, apiKey: config.sendKey, timeoutMs: config.timeoutMs }) : null,
      }
    : null;
  return g.__countersignClients;
}

export function isMultiMailConfigured(): boolean {
  return clients() !== null;
}

export function oversightClient(): MultiMailClient {
  const c = clients();
  if (!c) throw new AppError("not_configured", "MultiMail is not connected: set MULTIMAIL_API_URL and MULTIMAIL_OVERSIGHT_KEY.");
  return c.oversight;
}

/** The oversight key for a reviewer's click on POST /v1/oversight/decide: one attempt, at most DECIDE_TIMEOUT_MS. */
export function decideOnceClient(): MultiMailClient {
  const c = oversightClient();
  return clients()?.decideOnce ?? c;
}

/** The oversight key for the outbox's deliveries: up to three short attempts per claim. */
export function outboxClient(): MultiMailClient {
  const c = oversightClient();
  return clients()?.outbox ?? c;
}

export function sendClient(): MultiMailClient {
  const c = clients();
  if (!c?.send) throw new AppError("not_configured", "Editing needs MULTIMAIL_SEND_KEY, a send-scoped key, to re-send the edited email.");
  return c.send;
}

/** Tests install clients pointed at their own emulator. */
export function useMultiMailClients(value: Clients | null): void {
  g.__countersignClients = value;
}
