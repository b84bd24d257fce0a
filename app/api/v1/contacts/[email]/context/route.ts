// GET /api/v1/contacts/{email}/context – for voice agents at the start of a call: the contact's
// recent exchanges in compact JSON. Authenticated by an agent key only (Settings → Agent API keys).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { verifyAgentKey } from "@/lib/inbox/agent-keys";
import { buildContactContext } from "@/lib/inbox/build-contact-context";
import { decodeSegment } from "@/lib/inbox/addresses";
import { contactAddressSchema } from "@/lib/inbox/schemas";

export const dynamic = "force-dynamic";

export const GET = route<{ email: string }>("v1.contact-context", { access: "public" }, async (request, { params, log }) => {
  const db = await getDb();
  const key = await verifyAgentKey(db, request.headers.get("authorization"));
  const address = contactAddressSchema.safeParse(decodeSegment(params.email));
  if (!address.success) throw new AppError("validation", "The path must name an email address, e.g. /api/v1/contacts/maria%40example.com/context.");
  const context = await buildContactContext(db, address.data);
  log.info({ agentKey: key.name, found: context !== null }, "contact context");
  if (!context) throw new AppError("not_found", "Countersign has no calls or emails for this address.");
  return NextResponse.json(context, { headers: { "cache-control": "no-store" } });
});
