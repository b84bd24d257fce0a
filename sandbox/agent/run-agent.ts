// The simulated voice agent: sends held follow-up emails through the MultiMail (emulator) send API,
// the way a LiveKit agent's "send follow-up" tool does.
import { scenarios, type Scenario } from "./scenarios";

export interface AgentOptions {
  apiUrl: string;
  sendKey: string;
  delayMs?: number;
  log?: (line: string) => void;
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

export async function sendScenario(options: AgentOptions, mailboxes: Mailbox[], scenario: Scenario): Promise<string> {
  const mailbox = mailboxes.find((m) => m.address.startsWith(`${scenario.mailbox}@`)) ?? mailboxes[0];
  if (!mailbox) throw new Error("The MultiMail account has no mailbox.");
  const body = await call(options.apiUrl, options.sendKey, `/v1/mailboxes/${mailbox.id}/send`, {
    method: "POST",
    body: JSON.stringify({
      to: scenario.to,
      subject: scenario.subject,
      markdown: scenario.markdown,
      metadata: { ...scenario.metadata, drafted_at: new Date().toISOString() },
      idempotency_key: `demo-${String(scenario.metadata.session_id)}-${Date.now()}`,
    }),
  });
  return String(body.id);
}

export async function runAgent(options: AgentOptions): Promise<string[]> {
  const { mailboxes } = (await call(options.apiUrl, options.sendKey, "/v1/mailboxes")) as unknown as { mailboxes: Mailbox[] };
  const ids: string[] = [];
  for (const scenario of scenarios()) {
    ids.push(await sendScenario(options, mailboxes, scenario));
    options.log?.(`agent: sent "${scenario.subject}" to ${scenario.to.join(", ")}`);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
  }
  return ids;
}
