// POST /api/webhooks/livekit – LiveKit's signed room, participant, egress and agent-job events:
// verified over the raw body, recorded once by event id, applied to the voice sessions. A Pages API
// route on Node's own request (lib/http/machine-route.ts says why).
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { headerValue, machineRoute } from "@/lib/http/machine-route";
import { livekitWebhookConfig } from "@/lib/livekit/config";
import { ingestLiveKitWebhook } from "@/lib/livekit/ingest-livekit-webhook";

export const config = { api: { bodyParser: false } };

export default machineRoute("webhook.livekit", { maxBytes: () => env().WEBHOOK_MAX_BYTES }, async ({ rawBody, headers, log }) => {
  const livekit = livekitWebhookConfig();
  if (!livekit.configured) throw new AppError("not_configured", `${livekit.missing.join(" and ")} not set, so no LiveKit webhook can be verified.`);
  const result = await ingestLiveKitWebhook(await getDb(), { rawBody, authorization: headerValue(headers, "authorization"), ...livekit });
  log.info({ status: result.status, event: result.event, roomSid: result.roomSid }, "livekit webhook");
  return { status: 200, body: result };
});
