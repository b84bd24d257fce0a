// GET /api/v1/contacts/{email}/context – for voice agents at the start of a call: the contact's
// recent exchanges in compact JSON. Authenticated by an agent key only (Settings → Agent API keys),
// limited per key (429 with Retry-After) and recorded in the audit log.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { decodeSegment } from "@/lib/inbox/addresses";
import { readContactContext } from "@/lib/inbox/read-contact-context";

export const dynamic = "force-dynamic";

export const GET = route<{ email: string }>("v1.contact-context", { access: "public" }, async (request, { params, log }) => {
  const { key, context } = await readContactContext(await getDb(), { authorization: request.headers.get("authorization"), address: decodeSegment(params.email) });
  log.info({ agentKey: key.name, found: context !== null }, "contact context");
  if (!context) throw new AppError("not_found", "Countersign has no calls or emails for this address.");
  return NextResponse.json(context, { headers: { "cache-control": "no-store" } });
});
