// Why: the only code that talks HTTP to MultiMail: Bearer auth, per-attempt timeouts, safe retries,
// and every response parsed into the normalised shapes of schemas.ts (multimail-api.md §1, §2, §6).
import { z } from "zod";
import { countedFetch } from "@/lib/metrics/metrics";
import { MultiMailError, errorFromResponse } from "./errors";
import {
  apiKeyListSchema,
  approvalPendingSchema,
  attachmentUrlSchema,
  cancelResultSchema,
  createdMailboxSchema,
  createdWebhookSchema,
  decideInputSchema,
  decideResultSchema,
  deleteTagResultSchema,
  emailListSchema,
  healthSchema,
  listEmailsQuerySchema,
  mailboxListSchema,
  mailboxSchema,
  mailboxUpdateSchema,
  multiMailEmailSchema,
  pendingListSchema,
  replyInputSchema,
  sendInputSchema,
  sendResultSchema,
  statusResultSchema,
  tagsResponseSchema,
  threadSchema,
  webhookListSchema,
  type ApiKeyInfo,
  type AttachmentUrl,
  type CancelResult,
  type CreatedMailbox,
  type CreatedWebhook,
  type DecideInput,
  type DecideResult,
  type DeleteTagResult,
  type EmailList,
  type EmailSummary,
  type EmailTags,
  type Health,
  type ListEmailsQuery,
  type Mailbox,
  type MailboxUpdate,
  type MultiMailEmail,
  type PendingEmail,
  type ReplyInput,
  type SendInput,
  type SendResult,
  type StatusResult,
  type Thread,
  type WebhookSubscription,
} from "./schemas";

export interface MultiMailClientOptions {
  /** e.g. https://api.multimail.dev (a trailing `/v1` is tolerated and dropped). */
  baseUrl: string;
  /** Bearer key, `mm_live_…` or `mm_test_…`; treated as opaque (§1). */
  apiKey: string;
  /** Per attempt, default 10_000. */
  timeoutMs?: number;
  /** Default 3, so up to 4 attempts. */
  maxRetries?: number;
  /** Default 500; backoff is base·2ⁿ with jitter, capped at 10 s. */
  retryBaseMs?: number;
  /** Longest `Retry-After` we wait for inside one call, default 30_000; longer ones fail at once. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  userAgent?: string;
}

/**
 * An admin call behind the operator approval code (§2.4): without a code MultiMail emails one to the
 * operator and answers 202 (`code_sent`); with the code it does the work (`done`). Any 202 counts (§6.16).
 */
export type ApprovalStep<T> = { step: "code_sent"; message: string | null } | { step: "done"; result: T };

export interface MultiMailClient {
  /** Account-wide approval queue (§2.4). */
  listPending(): Promise<PendingEmail[]>;
  /** Side effect on MultiMail's side: an `unread` email becomes `read` (§2.2). */
  getEmail(mailboxId: string, emailId: string): Promise<MultiMailEmail>;
  decide(input: DecideInput): Promise<DecideResult>;
  send(mailboxId: string, input: SendInput): Promise<SendResult>;
  reply(mailboxId: string, emailId: string, input: ReplyInput): Promise<SendResult>;
  cancel(mailboxId: string, emailId: string): Promise<CancelResult>;
  getTags(mailboxId: string, emailId: string): Promise<EmailTags>;
  /** Send the full desired map: correct whether PUT merges or replaces (§6.10). */
  setTags(mailboxId: string, emailId: string, tags: Record<string, string>): Promise<EmailTags>;
  deleteTag(mailboxId: string, emailId: string, key: string): Promise<DeleteTagResult>;
  listMailboxes(): Promise<Mailbox[]>;
  getMailbox(mailboxId: string): Promise<Mailbox>;
  /** One page; `cursor` is null when there are no more pages (§6.8). */
  listEmails(mailboxId: string, query?: ListEmailsQuery): Promise<EmailList>;
  /** Every page of listEmails, stopping at a null/empty or repeated cursor, or after maxPages. */
  iterateEmails(mailboxId: string, query?: ListEmailsQuery, opts?: { maxPages?: number }): AsyncGenerator<EmailSummary>;
  getThread(mailboxId: string, threadId: string): Promise<Thread>;
  getAttachmentUrl(mailboxId: string, emailId: string, filename: string): Promise<AttachmentUrl>;
  listWebhooks(): Promise<WebhookSubscription[]>;
  /** `GET /health`: a 503 `{status:"degraded"}` is a result, not an error (§2.7). */
  health(): Promise<Health>;
  /** `POST /v1/webhooks` [admin]: the 201 carries the `whsec_` signing secret, shown only then (§2.6). */
  createWebhook(input: { url: string; events: string[]; mailboxId?: string | null; approvalCode?: string }): Promise<ApprovalStep<CreatedWebhook>>;
  deleteWebhook(webhookId: string): Promise<StatusResult>;
  /** `GET /v1/api-keys` [admin]: each key's `prefix` and `scopes` (§2.7). */
  listApiKeys(): Promise<ApiKeyInfo[]>;
  /** `POST /v1/mailboxes` [admin]: `address_local`, new mailboxes start at gated_send (§2.1, §6.9). */
  createMailbox(input: { addressLocal: string; displayName?: string | null; approvalCode?: string }): Promise<ApprovalStep<CreatedMailbox>>;
  /** `PATCH /v1/mailboxes/{id}` [admin]: display name, signature block, oversight mode downgrades (§2.1). */
  updateMailbox(mailboxId: string, input: MailboxUpdate): Promise<StatusResult>;
  /** Trust ladder step 1: the operator is emailed a code (§2.1). */
  requestUpgrade(mailboxId: string, targetMode: string): Promise<StatusResult>;
  /** Trust ladder step 2: 403 for a bad code, 404 with no request pending (§2.1). */
  applyUpgrade(mailboxId: string, code: string): Promise<StatusResult>;
  /**
   * The HTTP status one request gets, without retries and without throwing (0 when MultiMail could not
   * be reached): what a key may do, read from 401/403 against a harmless request.
   */
  probe(method: "GET" | "POST", path: string, body?: unknown): Promise<number>;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Call<T> {
  method: Method;
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** False when a repeated request could do the work twice. */
  retry: boolean;
  /** Non-2xx statuses whose body is still a result (health's 503). */
  okStatuses?: readonly number[];
}

const MAX_BACKOFF_MS = 10_000;
const seg = encodeURIComponent;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new MultiMailError({ status: 0, kind: "validation", message: `Invalid ${what}: ${issuesText(parsed.error)}` });
}

/** A 202 is "code emailed to the operator" whatever its body says (§6.16); a 2xx otherwise is the result. */
function approvalStep<T>(response: { data: unknown; status: number }, schema: z.ZodType<T>, endpoint: string): ApprovalStep<T> {
  if (response.status === 202) {
    const pending = approvalPendingSchema.safeParse(response.data);
    return { step: "code_sent", message: pending.success ? pending.data.message : null };
  }
  const parsed = schema.safeParse(response.data);
  if (parsed.success) return { step: "done", result: parsed.data };
  throw new MultiMailError({
    status: 0,
    kind: "upstream",
    endpoint,
    cause: parsed.error,
    message: `Unexpected MultiMail response for ${endpoint}: ${issuesText(parsed.error)}`,
  });
}

export function createMultiMailClient(opts: MultiMailClientOptions): MultiMailClient {
  if (!opts.apiKey) throw new TypeError("MultiMail client: apiKey is required");
  const base = new URL(opts.baseUrl); // throws on a malformed URL: a config error, fail at boot
  const root = base.href.replace(/\/+$/, "").replace(/\/v1$/, "");
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetries = Math.max(0, opts.maxRetries ?? 3);
  const retryBaseMs = opts.retryBaseMs ?? 500;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
  // Each request is counted by endpoint and status for /api/metrics (lib/metrics/metrics.ts).
  const doFetch = countedFetch(opts.fetch ?? globalThis.fetch);
  const userAgent = opts.userAgent ?? "countersign-multimail-client/1";

  /** Wait before the next attempt, or null when retrying cannot help. */
  function retryDelay(error: MultiMailError, attempt: number): number | null {
    if (!error.retryable) return null;
    if (error.retryAfterMs !== undefined) return error.retryAfterMs <= maxRetryAfterMs ? error.retryAfterMs : null;
    // A warmup 429 is a daily cap (§1): without a Retry-After, backing off for seconds cannot help.
    if (error.warmup) return null;
    const exp = Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
    return exp / 2 + Math.random() * (exp / 2);
  }

  function failure(err: unknown, endpoint: string, attempt: number): MultiMailError {
    const name = err instanceof Error ? err.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return new MultiMailError({
        status: 0,
        kind: "timeout",
        endpoint,
        attempts: attempt,
        cause: err,
        message: `MultiMail did not answer ${endpoint} within ${timeoutMs} ms`,
      });
    }
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    return new MultiMailError({
      status: 0,
      kind: "network",
      endpoint,
      attempts: attempt,
      cause: err,
      message: `Could not reach MultiMail for ${endpoint}: ${cause}`,
    });
  }

  async function call<T>(spec: Call<T>): Promise<{ data: T; status: number }> {
    const url = new URL(root + spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const endpoint = `${spec.method} ${url.pathname}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${opts.apiKey}`,
      Accept: "application/json",
      "User-Agent": userAgent,
    };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";

    for (let attempt = 1; ; attempt++) {
      let error: MultiMailError;
      try {
        const res = await doFetch(url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: AbortSignal.timeout(timeoutMs), // fresh per attempt, covers reading the body too
        });
        const text = await res.text();
        if (res.ok || spec.okStatuses?.includes(res.status)) {
          return { data: parseResult(spec.schema, text, endpoint), status: res.status };
        }
        error = errorFromResponse({
          status: res.status,
          bodyText: text,
          retryAfter: res.headers.get("retry-after"),
          endpoint,
          attempts: attempt,
        });
      } catch (err) {
        if (err instanceof MultiMailError) throw err; // a malformed 2xx body: retrying would not change it
        error = failure(err, endpoint, attempt);
      }
      const delay = spec.retry && attempt <= maxRetries ? retryDelay(error, attempt) : null;
      if (delay === null) throw error;
      await sleep(delay);
    }
  }

  function parseResult<T>(schema: z.ZodType<T>, text: string, endpoint: string): T {
    let json: unknown = {}; // an empty 2xx body parses as `{}` (decide only promises the status, §6.4)
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        throw new MultiMailError({ status: 0, kind: "upstream", endpoint, message: `MultiMail sent a non-JSON body for ${endpoint}` });
      }
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new MultiMailError({
      status: 0,
      kind: "upstream",
      endpoint,
      cause: parsed.error,
      message: `Unexpected MultiMail response for ${endpoint}: ${issuesText(parsed.error)}`,
    });
  }

  const get = async <T>(path: string, schema: z.ZodType<T>, query?: Call<T>["query"]) => (await call({ method: "GET", path, schema, query, retry: true })).data;
  const emailPath = (mailboxId: string, emailId: string) => `/v1/mailboxes/${seg(mailboxId)}/emails/${seg(emailId)}`;

  async function submit(path: string, body: Record<string, unknown>, idempotencyKey: string | undefined): Promise<SendResult> {
    // Without an idempotency key a retry after a timeout or 5xx could send the mail twice, so a
    // key-less send/reply gets exactly one attempt. With a key a replay answers 200 `already_sent` (§1).
    const retry = idempotencyKey !== undefined;
    const { data, status } = await call({ method: "POST", path, body, schema: sendResultSchema, retry });
    return { ...data, idempotent: data.idempotent || status === 200 };
  }

  function commonBody(input: z.output<typeof replyInputSchema>) {
    return {
      markdown: input.markdown,
      cc: input.cc?.length ? input.cc : undefined,
      bcc: input.bcc?.length ? input.bcc : undefined,
      idempotency_key: input.idempotencyKey,
      // Not in any MultiMail source (§2.2); sent for agents/emulators that keep it.
      metadata: input.metadata,
      attachments: input.attachments?.map((a) => ({ name: a.name, content_base64: a.contentBase64, content_type: a.contentType })),
    };
  }

  const client: MultiMailClient = {
    listPending: () => get("/v1/oversight/pending", pendingListSchema),

    async getEmail(mailboxId, emailId) {
      const email = await get(emailPath(mailboxId, emailId), multiMailEmailSchema);
      return { ...email, mailboxId: email.mailboxId ?? mailboxId };
    },

    async decide(input) {
      const { emailId, action, reason } = parseInput(decideInputSchema, input, "decide input");
      const body = reason === undefined ? { email_id: emailId, action } : { email_id: emailId, action, reason };
      // A retried decide that already landed comes back 4xx (not pending); `attempts > 1` tells the caller.
      return (await call({ method: "POST", path: "/v1/oversight/decide", body, schema: decideResultSchema, retry: true })).data;
    },

    async send(mailboxId, input) {
      const v = parseInput(sendInputSchema, input, "send input");
      const body = { ...commonBody(v), to: v.to, subject: v.subject, send_at: v.sendAt };
      return submit(`/v1/mailboxes/${seg(mailboxId)}/send`, body, v.idempotencyKey);
    },

    async reply(mailboxId, emailId, input) {
      const v = parseInput(replyInputSchema, input, "reply input");
      return submit(`/v1/mailboxes/${seg(mailboxId)}/reply/${seg(emailId)}`, commonBody(v), v.idempotencyKey);
    },

    async cancel(mailboxId, emailId) {
      // Cancel is idempotent on MultiMail's side (an already-cancelled email answers 200, §2.2).
      const path = `${emailPath(mailboxId, emailId)}/cancel`;
      const { data } = await call({ method: "POST", path, schema: cancelResultSchema, retry: true });
      return { ...data, id: data.id ?? emailId };
    },

    getTags: (mailboxId, emailId) => get(`${emailPath(mailboxId, emailId)}/tags`, tagsResponseSchema),

    async setTags(mailboxId, emailId, tags) {
      const path = `${emailPath(mailboxId, emailId)}/tags`;
      return (await call({ method: "PUT", path, body: { tags }, schema: tagsResponseSchema, retry: true })).data;
    },

    async deleteTag(mailboxId, emailId, key) {
      const path = `${emailPath(mailboxId, emailId)}/tags/${seg(key)}`;
      return (await call({ method: "DELETE", path, schema: deleteTagResultSchema, retry: true })).data;
    },

    listMailboxes: () => get("/v1/mailboxes", mailboxListSchema),
    getMailbox: (mailboxId) => get(`/v1/mailboxes/${seg(mailboxId)}`, mailboxSchema),

    async listEmails(mailboxId, query = {}) {
      const q = parseInput(listEmailsQuerySchema, query, "list emails query");
      const page = await get(`/v1/mailboxes/${seg(mailboxId)}/emails`, emailListSchema, {
        status: q.status,
        sender: q.sender,
        subject_contains: q.subjectContains,
        date_after: q.dateAfter,
        date_before: q.dateBefore,
        direction: q.direction,
        has_attachments: q.hasAttachments === undefined ? undefined : String(q.hasAttachments),
        since_id: q.sinceId,
        limit: q.limit === undefined ? undefined : String(q.limit),
        cursor: q.cursor || undefined,
      });
      return { ...page, emails: page.emails.map((e) => ({ ...e, mailboxId: e.mailboxId ?? mailboxId })) };
    },

    async *iterateEmails(mailboxId, query = {}, { maxPages = 100 } = {}) {
      let cursor = query.cursor ?? null;
      for (let page = 0; page < maxPages; page++) {
        const result = await client.listEmails(mailboxId, { ...query, cursor });
        yield* result.emails;
        if (!result.cursor || result.cursor === cursor) return;
        cursor = result.cursor;
      }
    },

    async getThread(mailboxId, threadId) {
      const thread = await get(`/v1/mailboxes/${seg(mailboxId)}/threads/${seg(threadId)}`, threadSchema);
      const emails = thread.emails.map((e) => ({ ...e, mailboxId: e.mailboxId ?? mailboxId }));
      return { ...thread, threadId: thread.threadId ?? threadId, emails };
    },

    getAttachmentUrl: (mailboxId, emailId, filename) => get(`${emailPath(mailboxId, emailId)}/attachments/${seg(filename)}/url`, attachmentUrlSchema),

    listWebhooks: () => get("/v1/webhooks", webhookListSchema),

    async health() {
      // `/health` has no /v1 prefix (§2.7). One attempt: a health probe should report, not wait.
      return (await call({ method: "GET", path: "/health", schema: healthSchema, retry: false, okStatuses: [503] })).data;
    },

    // Admin calls are never retried: a repeat could email a second code or use the code twice.
    async createWebhook(input) {
      const body = { url: input.url, events: input.events, mailbox_id: input.mailboxId ?? undefined, approval_code: input.approvalCode || undefined };
      return approvalStep(await call({ method: "POST", path: "/v1/webhooks", body, schema: z.unknown(), retry: false }), createdWebhookSchema, "POST /v1/webhooks");
    },

    deleteWebhook: async (webhookId) => (await call({ method: "DELETE", path: `/v1/webhooks/${seg(webhookId)}`, schema: statusResultSchema, retry: false })).data,

    listApiKeys: () => get("/v1/api-keys", apiKeyListSchema),

    async createMailbox(input) {
      const body = { address_local: input.addressLocal, display_name: input.displayName || undefined, approval_code: input.approvalCode || undefined };
      return approvalStep(await call({ method: "POST", path: "/v1/mailboxes", body, schema: z.unknown(), retry: false }), createdMailboxSchema, "POST /v1/mailboxes");
    },

    async updateMailbox(mailboxId, input) {
      const v = parseInput(mailboxUpdateSchema, input, "mailbox update");
      const body = { display_name: v.displayName, signature_block: v.signatureBlock, oversight_mode: v.oversightMode };
      return (await call({ method: "PATCH", path: `/v1/mailboxes/${seg(mailboxId)}`, body, schema: statusResultSchema, retry: true })).data;
    },

    requestUpgrade: async (mailboxId, targetMode) =>
      (
        await call({
          method: "POST",
          path: `/v1/mailboxes/${seg(mailboxId)}/request-upgrade`,
          body: { target_mode: targetMode },
          schema: statusResultSchema,
          retry: false,
        })
      ).data,

    applyUpgrade: async (mailboxId, code) =>
      (await call({ method: "POST", path: `/v1/mailboxes/${seg(mailboxId)}/upgrade`, body: { code: code.trim() }, schema: statusResultSchema, retry: false })).data,

    async probe(method, path, body) {
      try {
        const res = await doFetch(new URL(root + path), {
          method,
          headers: {
            Authorization: `Bearer ${opts.apiKey}`,
            Accept: "application/json",
            "User-Agent": userAgent,
            ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        return res.status;
      } catch {
        return 0;
      }
    },
  };
  return client;
}
