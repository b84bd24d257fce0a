// MultiMail clients for Settings: the admin key (webhooks, mailboxes) and a client per key for scope
// probes. MultiMail's refusals become AppErrors carrying MultiMail's own message, never a stack.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { MultiMailError } from "@/lib/multimail/errors";

type Global = { __countersignAdminClient?: MultiMailClient | null };
const g = globalThis as Global;

export function clientFor(apiKey: string): MultiMailClient {
  const e = env();
  if (!e.MULTIMAIL_API_URL) throw new AppError("not_configured", "MultiMail is not connected: set MULTIMAIL_API_URL.");
  return createMultiMailClient({ baseUrl: e.MULTIMAIL_API_URL, apiKey, timeoutMs: Math.min(e.MULTIMAIL_TIMEOUT_MS, 10_000), maxRetries: 1 });
}

/** The admin-scoped key of MULTIMAIL_ADMIN_KEY; tests install their own with useAdminClient. */
export function adminClient(): MultiMailClient {
  if (g.__countersignAdminClient) return g.__countersignAdminClient;
  const key = env().MULTIMAIL_ADMIN_KEY;
  if (!key) throw new AppError("not_configured", "Set MULTIMAIL_ADMIN_KEY (a MultiMail key with the admin scope) to manage webhooks and mailboxes from here.");
  return clientFor(key);
}

export function useAdminClient(client: MultiMailClient | null): void {
  g.__countersignAdminClient = client;
}

/** MultiMail's answer in plain words; its own message is kept (multimail-api.md §1 "Error body"). */
export function fromMultiMail(error: unknown): unknown {
  if (!(error instanceof MultiMailError)) return error;
  const said = `MultiMail said: ${error.message}`;
  switch (error.kind) {
    case "forbidden":
      return new AppError("forbidden", `${said} (a wrong or expired code, a key without the needed scope, or a plan limit).`);
    case "conflict":
      return new AppError("conflict", said);
    case "validation":
      return new AppError("validation", said);
    case "not_found":
      return new AppError("not_found", said);
    case "unauthorized":
      return new AppError("upstream", `MultiMail does not accept the key. ${said}`);
    case "rate_limited":
    case "quota":
      return new AppError("rate_limited", said);
    case "timeout":
    case "network":
      return new AppError("upstream", `MultiMail could not be reached: ${error.message}`);
    default:
      return new AppError("upstream", said);
  }
}

export async function viaMultiMail<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromMultiMail(error);
  }
}
