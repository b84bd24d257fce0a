// The LiveKit and transcript-ingest settings, each null with the reason when it is not configured.
import { env } from "@/lib/env";

export type Configured<T> = ({ configured: true } & T) | { configured: false; missing: string[] };

function missingOf(pairs: [string, string | undefined][]): string[] {
  return pairs.filter(([, value]) => !value).map(([name]) => name);
}

/** Key and secret that LiveKit signs its webhooks with (livekit.md §1.2). */
export function livekitWebhookConfig(): Configured<{ apiKey: string; apiSecret: string; toleranceSeconds: number }> {
  const e = env();
  const missing = missingOf([
    ["LIVEKIT_API_KEY", e.LIVEKIT_API_KEY],
    ["LIVEKIT_API_SECRET", e.LIVEKIT_API_SECRET],
  ]);
  if (!e.LIVEKIT_API_KEY || !e.LIVEKIT_API_SECRET) return { configured: false, missing };
  return { configured: true, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET, toleranceSeconds: e.LIVEKIT_WEBHOOK_TOLERANCE_SECONDS };
}

/** The LiveKit server for live room look-ups; needs the URL as well as the key. */
export function livekitServerConfig(): Configured<{ url: string; apiKey: string; apiSecret: string }> {
  const e = env();
  const missing = missingOf([
    ["LIVEKIT_URL", e.LIVEKIT_URL],
    ["LIVEKIT_API_KEY", e.LIVEKIT_API_KEY],
    ["LIVEKIT_API_SECRET", e.LIVEKIT_API_SECRET],
  ]);
  if (!e.LIVEKIT_URL || !e.LIVEKIT_API_KEY || !e.LIVEKIT_API_SECRET) return { configured: false, missing };
  return { configured: true, url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET };
}

/** The dedicated key pair agents sign transcript uploads with (livekit.md §3.4). */
export function transcriptIngestConfig(): Configured<{ key: string; secret: string; maxBytes: number }> {
  const e = env();
  const missing = missingOf([
    ["TRANSCRIPT_INGEST_KEY", e.TRANSCRIPT_INGEST_KEY],
    ["TRANSCRIPT_INGEST_SECRET", e.TRANSCRIPT_INGEST_SECRET],
  ]);
  if (!e.TRANSCRIPT_INGEST_KEY || !e.TRANSCRIPT_INGEST_SECRET) return { configured: false, missing };
  return { configured: true, key: e.TRANSCRIPT_INGEST_KEY, secret: e.TRANSCRIPT_INGEST_SECRET, maxBytes: e.TRANSCRIPT_MAX_BYTES };
}

/** Deep link to the session in LiveKit Cloud; the pattern is undocumented, so it is opt-in (livekit.md §3.3). */
export function cloudSessionUrl(roomSid: string): string | null {
  const project = env().LIVEKIT_CLOUD_PROJECT;
  return project ? `https://cloud.livekit.io/projects/${encodeURIComponent(project)}/sessions/${encodeURIComponent(roomSid)}` : null;
}

export function transcriptMissingAfterMs(): number {
  return env().TRANSCRIPT_MISSING_AFTER_MINUTES * 60_000;
}
