// GET /api/contacts?q= – contacts by address or name, most recent activity first.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { searchContacts } from "@/lib/inbox/search-contacts";

export const dynamic = "force-dynamic";

const querySchema = z.object({ q: z.string().trim().max(200).catch("").default("") });

export const GET = route("contacts", { access: "viewer" }, async (request) => {
  const { q } = querySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return NextResponse.json({ q, contacts: await searchContacts(await getDb(), q) });
});
