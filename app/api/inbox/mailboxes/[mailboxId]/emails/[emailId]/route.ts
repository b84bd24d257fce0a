// GET /api/inbox/mailboxes/{mailboxId}/emails/{emailId} – opens one message; MultiMail marks an
// unread message read when it is fetched (multimail-api.md §2.2). `?remote=1` allows remote content.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { openMessage } from "@/lib/inbox/open-message";
import { oversightClient } from "@/lib/multimail/connection";

export const dynamic = "force-dynamic";

export const GET = route<{ mailboxId: string; emailId: string }>("inbox.message", { access: "viewer" }, async (request, { params }) => {
  const allowRemote = request.nextUrl.searchParams.get("remote") === "1";
  const message = await openMessage(await getDb(), oversightClient(), params.mailboxId, params.emailId, { allowRemote });
  return NextResponse.json(message, { headers: { "cache-control": "no-store" } });
});
