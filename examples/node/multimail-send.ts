// Sends a voice agent's email through MultiMail for review in Countersign, dependency-free (fetch):
//   1. POST /v1/mailboxes/{mailbox}/send  {to: [...], subject, markdown, idempotency_key}
//      The mailbox is in gated_send (oversight is a per-mailbox setting), so MultiMail holds the
//      email (202, status pending_scan, then pending_send_approval) until a reviewer decides.
//   2. PUT /v1/mailboxes/{mailbox}/emails/{id}/tags  {tags: {room_sid, job_id, ...}}
//      Names the voice session. Tags are MultiMail's documented per-email key/values (returned on
//      every read of the email); the send body documents no `metadata` field, so tags are what
//      survives. Countersign links the email to its session from them, also when they land after
//      the email was held (its reconciler reads the email again).

/** The session behind an email (livekit.md §3.4), as Countersign reads it from tags. */
export interface VoiceContext {
  /** LiveKit room sid (RM_…): the key Countersign joins the email, webhooks and transcript on. */
  room_sid: string;
  room_name: string;
  /** The agent job (AJ_…); one room can hold several. */
  job_id: string;
  /** Shown to reviewers; not the dispatch name unless you dispatch explicitly. */
  agent_name?: string;
  caller_identity?: string;
  /** chat_history item ids of the turns behind the email. */
  evidence_item_ids?: string[];
  /** Anything the reviewer should double-check. */
  agent_note?: string;
  /** 0..1; below 0.8 Countersign flags the email for a closer look. */
  confidence?: number;
  drafted_at?: string;
}

/** Tags are string → string: lists comma-joined, empty values left out (an empty tag says nothing). */
export function sessionTags(voice: VoiceContext): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(voice) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(",") : String(value);
    if (text !== "") tags[key] = text;
  }
  return tags;
}

export interface SendOptions {
  /** e.g. https://api.multimail.dev */
  apiUrl: string;
  /** A key with the `send` scope only. */
  sendKey: string;
  mailboxId: string;
  to: string[];
  subject: string;
  markdown: string;
  voice: VoiceContext;
  /** Same key within 24 h → MultiMail answers with the first email instead of sending twice. */
  idempotencyKey?: string;
  fetch?: typeof fetch;
}

export class MultiMailError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Sends the email (held by gated_send) and tags it with its session. Returns MultiMail's id. */
export async function sendForReview(options: SendOptions): Promise<{ id: string; status: string; threadId: string | null; tagged: boolean }> {
  const doFetch = options.fetch ?? fetch;
  const base = `${options.apiUrl.replace(/\/$/, "")}/v1/mailboxes/${encodeURIComponent(options.mailboxId)}`;
  const headers = { authorization: `Bearer ${options.sendKey}`, "content-type": "application/json" };
  const call = async (method: string, url: string, body: unknown) => {
    const response = await doFetch(url, { method, headers, body: JSON.stringify(body) });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok)
      throw new MultiMailError(`MultiMail ${method} ${url.slice(base.length) || "/"} → ${response.status}: ${String(json.error ?? json.message ?? "")}`, response.status);
    return json;
  };

  const sent = await call("POST", `${base}/send`, {
    to: options.to,
    subject: options.subject,
    markdown: options.markdown,
    ...(options.idempotencyKey ? { idempotency_key: options.idempotencyKey } : {}),
  });
  const id = String(sent.id);
  // The email exists either way: a failed tag leaves it held but without its call, so retry a little
  // and report instead of throwing (sending again would hold a second copy).
  let tagged = false;
  for (let attempt = 1; attempt <= 3 && !tagged; attempt++) {
    try {
      await call("PUT", `${base}/emails/${encodeURIComponent(id)}/tags`, { tags: sessionTags(options.voice) });
      tagged = true;
    } catch (error) {
      if (error instanceof MultiMailError && error.status < 500 && error.status !== 429) break;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
  return { id, status: String(sent.status ?? ""), threadId: typeof sent.thread_id === "string" ? sent.thread_id : null, tagged };
}
