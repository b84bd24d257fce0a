// The simulated voice agent: plays whole calls (LiveKit webhooks, transcript upload) and sends each
// call's follow-up through the MultiMail (emulator) send API, as a LiveKit agent's tool would.
import { playCall, type CallWorld } from "./play-call";
import { scenarios, type CallScript } from "./scenarios";

export interface AgentOptions extends Omit<CallWorld, "sendEmail"> {
  apiUrl: string;
  sendKey: string;
  delayMs?: number;
}

interface Mailbox {
  id: string;
  address: string;
}

async function call(apiUrl: string, key: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...(init.headers ?? {}) },
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path} → ${response.status}: ${String(body.error ?? "")}`);
  return body;
}

/** Sends the held email with the session in its metadata and, as the documented channel, its tags. */
async function sendEmail(options: AgentOptions, mailboxes: Mailbox[], script: CallScript, metadata: Record<string, unknown>): Promise<string> {
  const mailbox = mailboxes.find((m) => m.address.startsWith(`${script.mailbox}@`)) ?? mailboxes[0];
  if (!mailbox) throw new Error("The MultiMail account has no mailbox.");
  const body = await call(options.apiUrl, options.sendKey, `/v1/mailboxes/${mailbox.id}/send`, {
    method: "POST",
    body: JSON.stringify({
      to: script.email.to,
      subject: script.email.subject,
      markdown: script.email.markdown,
      metadata,
      idempotency_key: `demo-${String(metadata.room_sid)}`,
    }),
  });
  return String(body.id);
}

export async function runAgent(options: AgentOptions): Promise<{ roomSid: string; emailId: string }[]> {
  const { mailboxes } = (await call(options.apiUrl, options.sendKey, "/v1/mailboxes")) as unknown as { mailboxes: Mailbox[] };
  const world: CallWorld = { ...options, sendEmail: (script, metadata) => sendEmail(options, mailboxes, script, metadata) };
  const played = [];
  for (const script of scenarios()) {
    played.push(await playCall(world, script));
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
  }
  return played;
}
