// The Activity page's rows: audit entries in words (lib/review/summarize-audit.ts), each actor with
// name and address, each email by its subject, and claim noise folded into one line with a count.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditLog, reviewItems, user } from "@/lib/db/schema";
import { actionLabel, actorEmail, actorOf, foldClaimNoise, foldedSummary, summarizeAudit, type ActorView } from "./summarize-audit";

export interface ActivityEntry {
  /** The newest audit id the line stands for. */
  id: number;
  at: string;
  /** The oldest entry's time when claim entries were folded into this line. */
  firstAt: string;
  count: number;
  actor: ActorView;
  action: string;
  label: string;
  summary: string;
  itemId: string | null;
  /** The email's subject, when the entry is about one. */
  subject: string | null;
}

type AuditRow = typeof auditLog.$inferSelect;

export async function activityEntries(db: Db, rows: readonly AuditRow[]): Promise<ActivityEntry[]> {
  const emails = [...new Set(rows.map((r) => actorEmail(r.actor)).filter((e): e is string => e !== null))];
  const itemIds = [...new Set(rows.map((r) => r.itemId).filter((id): id is string => id !== null))];
  const [people, items] = await Promise.all([
    emails.length
      ? db
          .select({ email: user.email, name: user.name })
          .from(user)
          .where(inArray(sql`lower(${user.email})`, emails))
      : Promise.resolve([]),
    itemIds.length ? db.select({ id: reviewItems.id, subject: reviewItems.subject }).from(reviewItems).where(inArray(reviewItems.id, itemIds)) : Promise.resolve([]),
  ]);
  const names = new Map(people.filter((p) => p.name && p.name !== p.email).map((p) => [p.email.toLowerCase(), p.name]));
  const subjects = new Map(items.map((i) => [i.id, i.subject || "(no subject)"]));
  return foldClaimNoise(rows).map((r) => ({
    id: r.id,
    at: toIso(r.at),
    firstAt: toIso(r.firstAt),
    count: r.count,
    actor: actorOf(r.actor, names),
    action: r.action,
    label: r.count > 1 ? "Opened for review" : actionLabel(r.action),
    summary: foldedSummary(r, summarizeAudit(r.action, r.details)),
    itemId: r.itemId,
    subject: r.itemId ? (subjects.get(r.itemId) ?? null) : null,
  }));
}

function toIso(at: Date | string): string {
  return at instanceof Date ? at.toISOString() : new Date(at).toISOString();
}
