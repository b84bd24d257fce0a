// GET /api/items/{id}/export?format=json|html – the email's evidence bundle: JSON as a download, or
// one printable HTML page (text only, no script). Any signed-in role; every export is audited.
import { NextResponse } from "next/server";
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { exportEvidence } from "@/lib/export/export-evidence";
import { renderBundleHtml } from "@/lib/export/render-bundle-html";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The page loads nothing and runs nothing: only its own inline style is allowed. */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const GET = route<{ id: string }>("item.export", { access: "viewer" }, async (request, { params, user, log }) => {
  const format = request.nextUrl.searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "html") throw new AppError("bad_request", 'format must be "json" or "html".');
  const actor = actorLabel(user!);
  const bundle = await exportEvidence(await getDb(), { itemId: params.id, actor, format });
  if (!bundle) throw new AppError("not_found", "No such email in Countersign.");
  log.info({ itemId: bundle.item.id, format }, "evidence exported");
  const filename = `countersign-evidence-${bundle.item.id}-${bundle.generatedAt.slice(0, 10)}`;
  if (format === "json") {
    return NextResponse.json(bundle, {
      headers: { "content-disposition": `attachment; filename="${filename}.json"`, "cache-control": "no-store", "x-content-type-options": "nosniff" },
    });
  }
  return new Response(renderBundleHtml(bundle, actor), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-disposition": `inline; filename="${filename}.html"`,
      "content-security-policy": HTML_CSP,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
});
