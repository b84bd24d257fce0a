// Settings → LiveKit: the last signed webhook, transcript uploads, and (with LIVEKIT_URL) whether the
// LiveKit server answers a signed RoomService call.
import { count, desc, eq } from "drizzle-orm";
import { RoomServiceClient } from "livekit-server-sdk";
import type { Db } from "@/lib/db/client";
import { voiceTranscripts, webhookDeliveries } from "@/lib/db/schema";
import { appUrl } from "@/lib/env";
import { livekitServerConfig, livekitWebhookConfig, transcriptIngestConfig } from "@/lib/livekit/config";
import type { LiveKitStatus } from "./schemas";

async function serverState(): Promise<LiveKitStatus["server"]> {
  const config = livekitServerConfig();
  if (!config.configured) return { configured: false, missing: config.missing };
  try {
    // failover:false: one attempt against the configured URL (livekit.md §5).
    const client = new RoomServiceClient(config.url, config.apiKey, config.apiSecret, { requestTimeout: 4, failover: false });
    const rooms = await client.listRooms();
    return { configured: true, url: config.url, reachable: true, activeRooms: rooms.length };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { configured: true, url: config.url, reachable: false, message: message.split("\n")[0]!.slice(0, 300) };
  }
}

export async function checkLiveKit(db: Db): Promise<LiveKitStatus> {
  const hook = livekitWebhookConfig();
  const ingest = transcriptIngestConfig();
  const [[lastHook], [total], [lastTranscript], server] = await Promise.all([
    db.select().from(webhookDeliveries).where(eq(webhookDeliveries.source, "livekit")).orderBy(desc(webhookDeliveries.receivedAt)).limit(1),
    db.select({ n: count() }).from(voiceTranscripts),
    db
      .select({ at: voiceTranscripts.receivedAt, roomName: voiceTranscripts.roomName, items: voiceTranscripts.itemCount })
      .from(voiceTranscripts)
      .orderBy(desc(voiceTranscripts.receivedAt))
      .limit(1),
    serverState(),
  ]);
  return {
    webhook: {
      configured: hook.configured,
      missing: hook.configured ? [] : hook.missing,
      expectedUrl: `${appUrl()}/api/webhooks/livekit`,
      lastReceived: lastHook ? { at: lastHook.receivedAt.toISOString(), eventType: lastHook.eventType } : null,
    },
    transcripts: {
      configured: ingest.configured,
      missing: ingest.configured ? [] : ingest.missing,
      expectedUrl: `${appUrl()}/api/voice-sessions/{room_sid}/transcript`,
      count: total?.n ?? 0,
      last: lastTranscript ? { at: lastTranscript.at.toISOString(), roomName: lastTranscript.roomName, items: lastTranscript.items } : null,
    },
    server,
    checkedAt: new Date().toISOString(),
  };
}
