// Exporting an email's evidence bundle: any signed-in role may, and every export is written to the
// audit log before the bundle is read, so the bundle it produces already lists it.
import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { buildEvidenceBundle, type EvidenceBundle } from "./evidence-bundle";

export type ExportFormat = "json" | "html";

/** The bundle, or null for an unknown (or malformed) item id, in which case nothing is audited. */
export async function exportEvidence(db: Db, input: { itemId: string; actor: string; format: ExportFormat }): Promise<EvidenceBundle | null> {
  if (!/^[0-9a-f-]{36}$/i.test(input.itemId)) return null;
  const [item] = await db.select({ id: reviewItems.id, currentEmailId: reviewItems.currentEmailId }).from(reviewItems).where(eq(reviewItems.id, input.itemId));
  if (!item) return null;
  await appendAudit(db, { actor: input.actor, action: "evidence.exported", itemId: item.id, emailId: item.currentEmailId, details: { format: input.format } });
  return buildEvidenceBundle(db, item.id);
}
