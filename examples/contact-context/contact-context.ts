// Greet a returning caller with context: at the start of a call, ask Countersign for the caller's
// recent exchanges (GET /api/v1/contacts/{email}/context) and put its `text` into the agent's
// instructions. Dependency-free (fetch); see README.md for the response and an @livekit/agents 1.x use.

export interface ContactContext {
  contact: { email: string; name: string | null };
  generated_at: string;
  open_holds: { subject: string; held_since: string | null; stale: boolean }[];
  recent: (
    | { type: "call"; at: string | null; ended_at: string | null; room_sid: string }
    | { type: "email"; direction: "inbound" | "outbound"; at: string | null; subject: string; preview: string | null; outcome: string; unread?: boolean }
  )[];
  /** The same, as a few lines an LLM can read. */
  text: string;
}

export interface ContextOptions {
  /** e.g. https://countersign.example.com */
  countersignUrl: string;
  /** An agent key (csk_…) an admin created in Countersign → Settings → Agent API keys. */
  agentKey: string;
  /** Keep it short: the caller is waiting. Default 1500 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The caller's context, or null when Countersign has never seen the address (404). Throws on anything else. */
export async function fetchContactContext(email: string, options: ContextOptions): Promise<ContactContext | null> {
  const url = `${options.countersignUrl.replace(/\/$/, "")}/api/v1/contacts/${encodeURIComponent(email.trim().toLowerCase())}/context`;
  const response = await (options.fetch ?? fetch)(url, {
    headers: { authorization: `Bearer ${options.agentKey}`, accept: "application/json" },
    signal: AbortSignal.timeout(options.timeoutMs ?? 1500),
  });
  if (response.status === 404) return null;
  const body = (await response.json().catch(() => null)) as (ContactContext & { error?: { code: string; message: string } }) | null;
  if (!response.ok || !body) throw new Error(`Countersign ${response.status}: ${body?.error?.message ?? "no JSON body"}`);
  return body;
}

/** Instructions for the agent: yours, then what Countersign knows (or nothing, for a new caller). */
export function withContactContext(instructions: string, context: ContactContext | null): string {
  if (!context) return instructions;
  return `${instructions}\n\nWhat we know about this caller from earlier calls and emails (do not read it out; use it to help):\n${context.text}`;
}
