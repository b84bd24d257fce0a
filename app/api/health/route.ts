// GET /api/health – liveness for load balancers and the test harness.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { sql } from "drizzle-orm";

export const dynamic = "force-dynamic";

export const GET = route("health", { access: "public" }, async () => {
  await (await getDb()).execute(sql`select 1`);
  return NextResponse.json({ status: "ok" });
});
