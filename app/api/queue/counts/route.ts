// GET /api/queue/counts – held and overdue, for the header and the tab title on every page (a queue
// page answers them too, but reading a whole page for two numbers doubled the work of every live update).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { queueCounts } from "@/lib/review/data";

export const dynamic = "force-dynamic";

export const GET = route("queue.counts", { access: "viewer" }, async () => NextResponse.json(await queueCounts(await getDb())));
