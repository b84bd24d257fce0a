// A voice agent reads a contact's context (GET /api/v1/contacts/{email}/context): its key checked
// and held to AGENT_API_RATE_LIMIT calls a minute, and every read that gets that far recorded in
// the audit log with the key and the contact, found or not.
import "server-only";
import { appendAudit } from "@/lib/audit/append-audit";
import { consumeBudget } from "@/lib/auth/rate-limit";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { verifyAgentKey } from "./agent-keys";
import { buildContactContext, type ContactContext } from "./build-contact-context";
import { contactAddressSchema } from "./schemas";

const WINDOW_MS = 60_000;

export async function readContactContext(
  db: Db,
  input: { authorization: string | null; address: string },
): Promise<{ key: { id: string; name: string }; context: ContactContext | null }> {
  const key = await verifyAgentKey(db, input.authorization);
  const perMinute = env().AGENT_API_RATE_LIMIT;
  const verdict = await consumeBudget(db, `agent|${key.id}`, { max: perMinute, windowMs: WINDOW_MS });
  if (!verdict.allowed) {
    throw new AppError("rate_limited", `The agent key “${key.name}” made more than ${perMinute} calls this minute. Try again in ${verdict.retryAfterSeconds} s.`, {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  const address = contactAddressSchema.safeParse(input.address);
  if (!address.success) throw new AppError("validation", "The path must name an email address, e.g. /api/v1/contacts/maria%40example.com/context.");
  const context = await buildContactContext(db, address.data);
  await appendAudit(db, {
    actor: `agent:${key.name}`,
    action: "agent.context_read",
    details: { keyId: key.id, keyName: key.name, contact: address.data, found: context !== null },
  });
  return { key, context };
}
