// Countersign transcript upload for a LiveKit agent in Node (livekit.md §3.4): the session report's
// chat_history, PUT to /api/voice-sessions/{roomSid}/transcript, signed exactly the way LiveKit
// signs its webhooks (HS256 JWT, iss = ingest key, sha256 = base64 SHA-256 of the body).
// Depends only on livekit-server-sdk, which every LiveKit Node agent already has.
import { createHash } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";

export interface TranscriptBody {
  schema: "livekit-chat-history/v1";
  room: string;
  room_sid: string;
  job_id: string;
  agent_name?: string | null;
  started_at?: number | null;
  ended_at?: number | null;
  close_reason?: string | null;
  chat_history: { items: unknown[] };
  recording?: { egress_id?: string | null; location?: string | null } | null;
}

/** Unix seconds from a Date, seconds or milliseconds (the JS report's `timestamp` is ms, Python's is s). */
export function toUnixSeconds(value: Date | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = value instanceof Date ? value.getTime() / 1000 : value > 1e11 ? value / 1000 : value;
  return Number.isFinite(n) ? n : null;
}

/**
 * The upload body from `voice.sessionReportToJSON(ctx.makeSessionReport(session))` (snake_case,
 * seconds). Never send `session.history.toJSON()`: it is camelCase with milliseconds (§3.2).
 */
export function transcriptFromReport(
  report: { room?: unknown; room_id?: unknown; job_id?: unknown; timestamp?: unknown; chat_history?: { items?: unknown[] } },
  extra: { agentName?: string; startedAt?: Date | number; endedAt?: Date | number; closeReason?: string; recording?: { egressId?: string; location?: string } } = {},
): TranscriptBody {
  const text = (v: unknown, name: string) => {
    if (typeof v !== "string" || !v) throw new Error(`the session report has no ${name}`);
    return v;
  };
  return {
    schema: "livekit-chat-history/v1",
    room: text(report.room, "room"),
    room_sid: text(report.room_id, "room_id"),
    job_id: text(report.job_id, "job_id"),
    agent_name: extra.agentName ?? null,
    started_at: toUnixSeconds(extra.startedAt),
    ended_at: toUnixSeconds(extra.endedAt ?? (typeof report.timestamp === "number" ? report.timestamp : Date.now())),
    close_reason: extra.closeReason ?? null,
    chat_history: { items: report.chat_history?.items ?? [] },
    recording: extra.recording ? { egress_id: extra.recording.egressId ?? null, location: extra.recording.location ?? null } : null,
  };
}

/** The Authorization header for one body: sign the exact bytes you send. */
export async function signUpload(body: string, key: string, secret: string, ttlSeconds = 300): Promise<string> {
  const token = new AccessToken(key, secret, { ttl: ttlSeconds });
  token.sha256 = createHash("sha256").update(body, "utf8").digest("base64");
  return token.toJwt();
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * PUTs the transcript; idempotent per room sid and job id, so it is safe to retry. Retries
 * network errors and 5xx with backoff; a 4xx names what to fix and is not retried.
 */
export async function uploadTranscript(options: {
  dashboardUrl: string;
  key: string;
  secret: string;
  body: TranscriptBody;
  attempts?: number;
  fetch?: typeof fetch;
}): Promise<{ status: number; result: Record<string, unknown> }> {
  const doFetch = options.fetch ?? fetch;
  const raw = JSON.stringify(options.body);
  const url = `${options.dashboardUrl.replace(/\/$/, "")}/api/voice-sessions/${encodeURIComponent(options.body.room_sid)}/transcript`;
  const attempts = options.attempts ?? 4;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      // A fresh token per attempt: each is valid for five minutes only.
      const response = await doFetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: await signUpload(raw, options.key, options.secret) },
        body: raw,
      });
      const result = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.ok) return { status: response.status, result };
      const message = (result.error as { message?: string } | undefined)?.message ?? response.statusText;
      if (response.status < 500) throw new UploadError(`Countersign refused the transcript (${response.status}): ${message}`, response.status);
      lastError = new UploadError(`Countersign failed (${response.status}): ${message}`, response.status);
    } catch (error) {
      if (error instanceof UploadError && error.status < 500) throw error;
      lastError = error;
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
