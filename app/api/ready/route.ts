// GET /api/ready – readiness for load balancers: 200 when the database, its migrations and MultiMail
// are all good, else 503 naming the failed check and why (lib/observe/readiness.ts). Public, like
// /api/health, which stays "the process is up".
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { checkReadiness } from "@/lib/observe/readiness";

export const dynamic = "force-dynamic";

export const GET = route("ready", { access: "public" }, async () => {
  const readiness = await checkReadiness();
  return NextResponse.json(readiness, { status: readiness.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
});
