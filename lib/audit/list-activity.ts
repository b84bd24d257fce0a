// Reads the audit log for the Activity page and its CSV export, newest first, filtered.
import { and, desc, eq, gte, ilike, like, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import type { ActivityFilters } from "./schemas";

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listActivity(db: Db, filters: ActivityFilters, limit = 100) {
  const parts: SQL[] = [];
  if (filters.actor) parts.push(ilike(auditLog.actor, `%${escapeLike(filters.actor)}%`));
  if (filters.action) parts.push(filters.action.endsWith(".") ? like(auditLog.action, `${escapeLike(filters.action)}%`) : eq(auditLog.action, filters.action));
  if (filters.from) parts.push(gte(auditLog.at, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) parts.push(lt(auditLog.at, new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (filters.before) parts.push(lt(auditLog.id, filters.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...parts))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), nextBefore: rows.length > limit ? (rows[limit - 1]?.id ?? null) : null };
}

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Neutralise spreadsheet formulas (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function activityCsv(rows: (typeof auditLog.$inferSelect)[]): string {
  const header = ["id", "at", "actor", "action", "item_id", "email_id", "details"];
  const lines = rows.map((r) => [r.id, r.at.toISOString(), r.actor, r.action, r.itemId, r.emailId, r.details].map(csvCell).join(","));
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
