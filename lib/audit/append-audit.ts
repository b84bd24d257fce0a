// Appends to the audit log; always called with the transaction of the change it records.
import type { Db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

export type AuditAction =
  | "email.held"
  | "email.synced"
  | "email.decided_elsewhere"
  | "email.delivered"
  | "email.bounced"
  | "email.edited"
  | "decision.recorded"
  | "decision.delivered"
  | "decision.delivery_failed"
  | "decision.reconciled"
  | "decision.undone"
  | "decision.refused"
  | "revision.sent"
  | "revision.matched"
  | "revision.mismatched"
  | "revision.failed"
  | "webhook.rejected"
  | "recipient.confirmed"
  | "stale.acknowledged"
  | "reply.sent"
  | "agent.context_read"
  /** Someone exported an email's evidence bundle (lib/export). */
  | "evidence.exported"
  /** One bulk approve/reject in the queue (each item has its own decision.recorded too). */
  | "decision.bulk"
  /** An admin changed a mailbox's SLA (lib/review/sla.ts). */
  | "sla.changed";

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  itemId?: string | null;
  emailId?: string | null;
  details?: Record<string, unknown>;
}

export async function appendAudit(db: Db, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(
    entries.map((entry) => ({
      actor: entry.actor,
      action: entry.action,
      itemId: entry.itemId ?? null,
      emailId: entry.emailId ?? null,
      details: entry.details ?? {},
    })),
  );
}
