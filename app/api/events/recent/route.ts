// GET /api/events/recent?since=<server ms> – what changed since a page was rendered, asked once when
// its live connection opens (components/realtime/live-updates-provider.tsx).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { changesSince, keepRecentChanges } from "@/lib/realtime/recent-changes";

export const dynamic = "force-dynamic";

const querySchema = z.object({ since: z.coerce.number().int().positive() });

export const GET = route("events.recent", { access: "viewer" }, async (request) => {
  const parsed = querySchema.safeParse({ since: request.nextUrl.searchParams.get("since") ?? undefined });
  if (!parsed.success) throw new AppError("bad_request", "since must be a time in milliseconds.");
  await keepRecentChanges();
  return Response.json(changesSince(parsed.data.since), { headers: { "cache-control": "no-store" } });
});
