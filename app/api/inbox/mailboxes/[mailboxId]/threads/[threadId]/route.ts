// GET /api/inbox/mailboxes/{mailboxId}/threads/{threadId} – a thread's messages in order, read ones with bodies.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { getThreadView } from "@/lib/inbox/get-thread";
import { oversightClient } from "@/lib/multimail/connection";

export const dynamic = "force-dynamic";

export const GET = route<{ mailboxId: string; threadId: string }>("inbox.thread", { access: "viewer" }, async (_request, { params }) => {
  return NextResponse.json(await getThreadView(await getDb(), oversightClient(), params.mailboxId, params.threadId));
});
