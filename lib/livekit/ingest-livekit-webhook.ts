// POST /api/webhooks/livekit, in the house order: raw body → verify with the SDK's WebhookReceiver
// → parse → record once by event id → apply. The work is a few local writes, so it runs in the
// transaction that records the delivery: a failure rolls both back and LiveKit's retry re-applies
// it, and nothing is half-applied (livekit.md §5 "Delivery semantics").
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { storableJson } from "@/lib/text/storable";
import { AppError } from "@/lib/errors";
import { applyAgentJobEvent } from "./events/agent-job-event";
import { applyEgressEvent } from "./events/egress-event";
import { applyParticipantEvent } from "./events/participant-event";
import { applyRoomEvent } from "./events/room-event";
import { linkSessionItems } from "./link-session";
import { receiveLiveKitWebhook, sha256Hex } from "./verify-token";
import { epochToDate, webhookEventSchema, type LiveKitEvent } from "./webhook-event";

export interface LiveKitIngestResult {
  status: "accepted" | "duplicate" | "ignored";
  event: string;
  roomSid: string | null;
}

type Handler = (tx: Db, event: LiveKitEvent, eventAt: Date | null) => Promise<string | null>;

const handlers: Record<string, Handler> = {
  room_started: applyRoomEvent,
  room_finished: applyRoomEvent,
  participant_joined: applyParticipantEvent,
  participant_left: applyParticipantEvent,
  participant_connection_aborted: applyParticipantEvent,
  track_published: applyParticipantEvent,
  track_unpublished: applyParticipantEvent,
  egress_started: applyEgressEvent,
  egress_updated: applyEgressEvent,
  egress_ended: applyEgressEvent,
  agent_job_started: applyAgentJobEvent,
  agent_job_ended: applyAgentJobEvent,
};

export async function ingestLiveKitWebhook(
  db: Db,
  input: { rawBody: string; authorization: string | null; apiKey: string; apiSecret: string; toleranceSeconds: number },
): Promise<LiveKitIngestResult> {
  // Text PostgreSQL cannot store (U+0000, lone surrogates) is cleaned, never a 500 (lib/text/storable.ts).
  const json = storableJson(await receiveLiveKitWebhook(input.rawBody, input.authorization, input));
  const parsed = webhookEventSchema.safeParse(json);
  if (!parsed.success) throw new AppError("bad_request", `The body is not a LiveKit webhook event: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  const event = parsed.data;
  const eventName = event.event || "(none)";
  // Retries resend the same id (livekit.md §5); an event without one is keyed by its bytes.
  const dedupeKey = event.id || `sha256:${sha256Hex(input.rawBody)}`;
  const subjectId = event.room?.sid ?? event.egressInfo?.roomId ?? event.job?.room?.sid ?? null;

  return db.transaction(async (tx) => {
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({ source: "livekit", dedupeKey, eventType: eventName, subjectId, payload: json as object })
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    if (!delivery) return { status: "duplicate", event: eventName, roomSid: subjectId };

    // Unknown event names (ingress_*, future ones) are recorded and acknowledged, nothing more.
    const handler = handlers[event.event];
    const roomSid = handler ? await handler(tx, event, epochToDate(event.createdAt)) : null;
    if (roomSid) await linkSessionItems(tx, roomSid);
    await tx.update(webhookDeliveries).set({ processedAt: new Date() }).where(eq(webhookDeliveries.id, delivery.id));
    return { status: roomSid ? "accepted" : "ignored", event: eventName, roomSid };
  });
}
