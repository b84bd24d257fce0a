// GET /api/inbox/mailboxes/{mailboxId}/emails – one page of a mailbox's messages (MultiMail's filters and cursor).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { listMailboxEmails } from "@/lib/inbox/list-mailbox-emails";
import { emailFiltersSchema } from "@/lib/inbox/schemas";
import { oversightClient } from "@/lib/multimail/connection";

export const dynamic = "force-dynamic";

export const GET = route<{ mailboxId: string }>("inbox.emails", { access: "viewer" }, async (request, { params }) => {
  const filters = emailFiltersSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return NextResponse.json(await listMailboxEmails(await getDb(), oversightClient(), params.mailboxId, filters));
});
