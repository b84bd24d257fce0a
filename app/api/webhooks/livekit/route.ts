// POST /api/webhooks/livekit – LiveKit's signed room, participant, egress and agent-job events:
// verified over the raw body, recorded once by event id, applied to the voice sessions.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readRawBody } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { livekitWebhookConfig } from "@/lib/livekit/config";
import { ingestLiveKitWebhook } from "@/lib/livekit/ingest-livekit-webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route("webhook.livekit", { access: "public" }, async (request, { log }) => {
  const rawBody = await readRawBody(request, env().WEBHOOK_MAX_BYTES);
  const config = livekitWebhookConfig();
  if (!config.configured) throw new AppError("not_configured", `${config.missing.join(" and ")} not set, so no LiveKit webhook can be verified.`);
  const result = await ingestLiveKitWebhook(await getDb(), { rawBody, authorization: request.headers.get("authorization"), ...config });
  log.info({ status: result.status, event: result.event, roomSid: result.roomSid }, "livekit webhook");
  return NextResponse.json(result, { status: 200 });
});
