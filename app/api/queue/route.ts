// GET /api/queue – one page of the review queue (filters and keyset cursor in the query string).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { isMultiMailConfigured } from "@/lib/multimail/connection";
import { listQueue } from "@/lib/review/data";
import { queueFiltersSchema } from "@/lib/review/schemas";

export const dynamic = "force-dynamic";

export const GET = route("queue", { access: "viewer" }, async (request) => {
  const filters = queueFiltersSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return NextResponse.json(await listQueue(await getDb(), filters, isMultiMailConfigured()));
});
