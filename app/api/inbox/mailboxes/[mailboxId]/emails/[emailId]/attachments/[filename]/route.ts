// GET /api/inbox/mailboxes/{mailboxId}/emails/{emailId}/attachments/{filename} – a download through
// MultiMail's presigned URL (valid about an hour, multimail-api.md §2.2): a redirect, never proxied bytes.
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { attachmentLink } from "@/lib/inbox/open-message";
import { oversightClient } from "@/lib/multimail/connection";

export const dynamic = "force-dynamic";

export const GET = route<{ mailboxId: string; emailId: string; filename: string }>("inbox.attachment", { access: "viewer" }, async (_request, { params }) => {
  const url = await attachmentLink(oversightClient(), params.mailboxId, params.emailId, params.filename);
  return NextResponse.redirect(url, { status: 302, headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" } });
});
