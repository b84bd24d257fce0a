// The evidence report of one review item: its current email checked (lib/evidence) against the
// session it names — the caller LiveKit saw, the agent's transcript and the agent's own note — and
// the count of findings the queue shows and filters on.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems } from "@/lib/db/schema";
import { checkDraft } from "@/lib/evidence/check-draft";
import { checkDraftInputSchema, type EvidenceReport } from "@/lib/evidence/schemas";
import { yearFormat } from "@/lib/evidence/intl-formats";
import { summarizeEvidence } from "@/lib/evidence/summarize-evidence";
import { logger } from "@/lib/logger";
import { readSessionLink, type SessionLink } from "@/lib/multimail/session-link";
import { isPlainObject, parseMetadata } from "@/lib/multimail/schemas";
import { callerOf, callStartOf, chooseTranscript, loadSession, type SessionBundle } from "./load-session";

const log = logger.child({ scope: "evidence" });

export interface ItemEvaluation {
  item: typeof reviewItems.$inferSelect;
  email: typeof emails.$inferSelect;
  link: SessionLink;
  bundle: SessionBundle | null;
  report: EvidenceReport;
}

/**
 * What `review_items.findings_count` holds: the problems of the evidence summary, exactly the number the
 * review page and the session page show, so the queue's "2 problems" never disagrees with them.
 */
export function countFindings(report: EvidenceReport): number {
  return summarizeEvidence(report).problems;
}

export function needsRecipientConfirmation(report: EvidenceReport): boolean {
  return report.findings.some((f) => f.kind === "recipient" && f.needsConfirmation);
}

/** An IANA zone named by the email's or the room's metadata, if it is a real one. */
function timeZoneOf(...sources: unknown[]): string | undefined {
  for (const source of sources) {
    const object = parseMetadata(source);
    if (!object) continue;
    for (const candidate of [object, object.voice, object.livekit]) {
      if (!isPlainObject(candidate)) continue;
      const zone = candidate.time_zone ?? candidate.timezone ?? candidate.timeZone;
      if (typeof zone !== "string") continue;
      try {
        yearFormat(zone); // throws for an unknown zone
        return zone;
      } catch {
        // not a zone: ignored
      }
    }
  }
  return undefined;
}

/**
 * Checks one email of an item against a loaded session (or none). Pure apart from its inputs, and
 * total: it runs in the transaction that holds a new email, which a throw here would roll back.
 */
export function checkEmail(email: typeof emails.$inferSelect, link: SessionLink, bundle: SessionBundle | null, jobId: string | null, heldAt: Date): EvidenceReport {
  try {
    const transcript = bundle ? chooseTranscript(bundle, jobId) : null;
    const callStart = bundle ? callStartOf(bundle, transcript?.items ?? null) : null;
    const caller = bundle ? callerOf(bundle) : null;
    const input = checkDraftInputSchema.parse({
      draft: { to: email.toAddresses, cc: email.ccAddresses, subject: email.subject, markdown: email.markdown },
      transcript: transcript?.items ?? null,
      callStartedAt: callStart,
      // Only what LiveKit itself saw counts as the caller: the agent's own claim (link.callerEmail) would check itself.
      caller: caller ? { email: caller.email, phone: caller.phone, name: caller.name } : null,
      agent: { note: link.agentNote, confidence: link.agentConfidence, evidenceItemIds: link.evidenceItemIds },
      referenceDate: callStart !== null ? new Date(callStart * 1000) : heldAt,
      timeZone: timeZoneOf(email.metadata, bundle?.session?.roomMetadata),
    });
    return checkDraft(input);
  } catch (error) {
    // A bug in the checks, or a stored transcript they cannot read, must not stop ingest, syncing or
    // decisions: fail safe, so every recipient needs a human.
    log.error({ err: error, emailId: email.id }, "evidence checks failed");
    return failedReport(email.toAddresses);
  }
}

/** What the reviewer sees when the checks themselves failed: nothing verified, the recipient to confirm. */
function failedReport(to: string[]): EvidenceReport {
  const findings = to.map((address, n) => ({
    id: `recipient-${n}`,
    kind: "recipient" as const,
    status: "unknown" as const,
    text: address,
    part: null,
    start: null,
    end: null,
    message: "the evidence checks failed on this draft; check the recipient and the specifics yourself",
    turnIds: [],
    needsConfirmation: true,
  }));
  return { findings, counts: { supported: 0, unsupported: 0, mismatch: 0, unknown: findings.length }, recipientOk: false, transcriptAvailable: false };
}

/** Loads an item, its current email and its session, and checks the email. Null when the item is unknown. */
export async function evaluateItem(db: Db, itemId: string, options: { lock?: boolean } = {}): Promise<ItemEvaluation | null> {
  const query = db.select().from(reviewItems).where(eq(reviewItems.id, itemId));
  const [item] = options.lock ? await query.for("update") : await query;
  if (!item) return null;
  const [email] = await db.select().from(emails).where(eq(emails.id, item.currentEmailId));
  if (!email) return null;
  const link = readSessionLink({ metadata: email.metadata, tags: email.tags });
  return { item, email, link, ...(await evaluateEmail(db, item, email, link)) };
}

/** What of an item its email's check depends on: a new item's columns before it is inserted will do. */
export type ItemFacts = Pick<typeof reviewItems.$inferSelect, "roomSid" | "jobId" | "heldAt" | "purgedAt" | "authoredBy">;

/** Loads the session an item names and checks its email against it. */
export async function evaluateEmail(
  db: Db,
  item: ItemFacts,
  email: typeof emails.$inferSelect,
  link: SessionLink,
): Promise<{ bundle: SessionBundle | null; report: EvidenceReport }> {
  // Retention replaced the draft and the transcript with a note (lib/retention): there is nothing left to check,
  // and checking the note would report the kept subject's specifics as "not said on the call".
  if (item.purgedAt)
    return { bundle: null, report: { findings: [], counts: { supported: 0, unsupported: 0, mismatch: 0, unknown: 0 }, recipientOk: true, transcriptAvailable: false } };
  const bundle = item.roomSid ? await loadSession(db, item.roomSid) : null;
  const checked = checkEmail(email, link, bundle, item.jobId ?? link.jobId, item.heldAt);
  const report = !bundle && isReviewerReply(item, email) ? trustReplyRecipients(checked) : checked;
  return { bundle, report };
}

/** A reply a reviewer wrote in a thread (backed by our own reply record, lib/inbox/reply-author.ts). */
function isReviewerReply(item: ItemFacts, email: typeof emails.$inferSelect): boolean {
  return Boolean(item.authoredBy) && typeof email.metadata?.countersign_reply_id === "string";
}

/**
 * A reviewer's reply goes to the thread's correspondent, chosen by MultiMail (multimail-api.md §2.2: threading is
 * set by the server), not by an agent: there is no call to check it against and nothing to confirm.
 */
function trustReplyRecipients(report: EvidenceReport): EvidenceReport {
  let released = 0;
  const findings = report.findings.map((f) => {
    if (f.kind !== "recipient" || !f.needsConfirmation) return f;
    released += f.status === "unknown" ? 1 : 0;
    return {
      ...f,
      status: "info" as const,
      needsConfirmation: false,
      message: "a reply a reviewer wrote in this thread; MultiMail addresses it to the thread's correspondent",
    };
  });
  return { ...report, findings, recipientOk: true, counts: { ...report.counts, unknown: Math.max(0, report.counts.unknown - released) } };
}
