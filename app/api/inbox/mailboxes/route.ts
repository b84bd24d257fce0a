// GET /api/inbox/mailboxes – every MultiMail mailbox with its oversight mode and held/unread counts.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { listInboxMailboxes } from "@/lib/inbox/list-mailboxes";
import { isMultiMailConfigured, oversightClient } from "@/lib/multimail/connection";

export const dynamic = "force-dynamic";

export const GET = route("inbox.mailboxes", { access: "viewer" }, async () => {
  const client = isMultiMailConfigured() ? oversightClient() : null;
  return NextResponse.json(await listInboxMailboxes(await getDb(), client));
});
