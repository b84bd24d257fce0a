// GET /api/activity/export – the filtered audit log as CSV (up to 50,000 rows).
import { getDb } from "@/lib/db/client";
import { activityCsv, listActivity } from "@/lib/audit/list-activity";
import { activityFiltersSchema } from "@/lib/audit/schemas";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route("activity.export", { access: "viewer" }, async (request) => {
  const filters = activityFiltersSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const { rows } = await listActivity(await getDb(), filters, 50_000);
  return new Response(activityCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="countersign-activity-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
