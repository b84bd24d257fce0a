// PUT /api/voice-sessions/{roomSid}/transcript – the agent's transcript at session end (livekit.md
// §3.4): a JWT over the body's SHA-256 from the ingest key; idempotent per room sid and job id.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readRawBody } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { transcriptIngestConfig } from "@/lib/livekit/config";
import { ingestTranscript } from "@/lib/livekit/ingest-transcript";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PUT = route<{ roomSid: string }>("transcript.ingest", { access: "public" }, async (request, { params, log }) => {
  const config = transcriptIngestConfig();
  if (!config.configured) throw new AppError("not_configured", `${config.missing.join(" and ")} not set, so no transcript upload can be verified.`);
  const rawBody = await readRawBody(request, config.maxBytes);
  const { created, ...result } = await ingestTranscript(await getDb(), {
    roomSid: params.roomSid,
    rawBody,
    authorization: request.headers.get("authorization"),
    ...config,
  });
  log.info({ status: result.status, roomSid: result.roomSid, jobId: result.jobId, items: result.items }, "transcript upload");
  return NextResponse.json(result, { status: created ? 201 : 200 });
});
