// The configured MultiMail clients: the oversight key decides, the send key re-sends (never one key for both).
import { multimailConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createMultiMailClient, type MultiMailClient } from "./client";

type Clients = { oversight: MultiMailClient; send: MultiMailClient | null; delivery?: MultiMailClient };
type Global = { __countersignClients?: Clients | null };
const g = globalThis as Global;
const DELIVERY_TIMEOUT_MS = 8_000;

function clients() {
  if (g.__countersignClients !== undefined) return g.__countersignClients;
  const config = multimailConfig();
  g.__countersignClients = config.configured
    ? {
        oversight: createMultiMailClient({ baseUrl: config.apiUrl, apiKey: config.oversightKey, timeoutMs: config.timeoutMs }),
        // Decisions: one attempt with a short timeout, so a reviewer's click never waits on retries
        // and a delivery always ends inside its claim (lib/review/deliver-decision.ts); the outbox retries.
        delivery: createMultiMailClient({
          baseUrl: config.apiUrl,
          apiKey: config.oversightKey,
          timeoutMs: Math.min(config.timeoutMs, DELIVERY_TIMEOUT_MS),
          maxRetries: 0,
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

/** The oversight key for POST /v1/oversight/decide: a single attempt, at most DELIVERY_TIMEOUT_MS. */
export function deliveryClient(): MultiMailClient {
  const c = oversightClient();
  return clients()?.delivery ?? c;
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
