// GET /api/metrics – Prometheus exposition (lib/metrics/metrics.ts), for a scraper holding
// METRICS_TOKEN as a bearer token. Without METRICS_TOKEN set the endpoint does not exist (404):
// metrics are off until an operator turns them on, and an unset token must never mean "open".
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { metrics } from "@/lib/metrics/metrics";

export const dynamic = "force-dynamic";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares digests, so neither the content nor the length of the token leaks through timing. */
function tokenMatches(header: string | null, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "";
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

export const GET = route("metrics", { access: "public" }, async (request) => {
  const token = env().METRICS_TOKEN;
  if (!token) throw new AppError("not_found", "Metrics are off: set METRICS_TOKEN to turn them on.");
  if (!tokenMatches(request.headers.get("authorization"), token)) {
    return NextResponse.json(
      { error: { code: "unauthorized", message: "A valid bearer token is required." } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" } },
    );
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
