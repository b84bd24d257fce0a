// The configured MultiMail clients: the oversight key decides, the send key re-sends (never one key for both).
import { multimailConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createMultiMailClient, type MultiMailClient } from "./client";

type Global = { __countersignClients?: { oversight: MultiMailClient; send: MultiMailClient | null } | null };
const g = globalThis as Global;

function clients() {
  if (g.__countersignClients !== undefined) return g.__countersignClients;
  const config = multimailConfig();
  g.__countersignClients = config.configured
    ? {
        oversight: createMultiMailClient({ baseUrl: config.apiUrl, apiKey: config.oversightKey, timeoutMs: config.timeoutMs }),
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

export function sendClient(): MultiMailClient {
  const c = clients();
  if (!c?.send) throw new AppError("not_configured", "Editing needs MULTIMAIL_SEND_KEY, a send-scoped key, to re-send the edited email.");
  return c.send;
}

/** Tests install clients pointed at their own emulator. */
export function useMultiMailClients(value: { oversight: MultiMailClient; send: MultiMailClient | null } | null): void {
  g.__countersignClients = value;
}
