// The evidence bundle of one email: everything that justified its decision, in one document a
// viewer can keep or hand to an auditor. The draft and every revision with its diff, each checked
// claim with the transcript turns behind it, the reviewer's confirmations, who decided what and
// when, and MultiMail's ids and delivery state. Read-only: writing the export to the audit log is
// the caller's job (export-evidence.ts).
import "server-only";
import { asc, eq } from "drizzle-orm";
import { diffWords } from "diff";
import type { Db } from "@/lib/db/client";
import { auditLog, decisions, emails, mailboxes, reviewItems, revisions } from "@/lib/db/schema";
import { summarizeEvidence, verdictOf } from "@/lib/evidence/summarize-evidence";
import { getItemEvidence } from "@/lib/livekit/data";
import type { SessionView, TimelineEntry } from "@/lib/livekit/schemas";
import { readSessionLink } from "@/lib/multimail/session-link";
import { summarizeAudit } from "@/lib/review/summarize-audit";

export const EVIDENCE_BUNDLE_SCHEMA = "countersign-evidence-bundle/v1";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface FieldDiff {
  field: "To" | "Cc" | "Subject" | "Body";
  parts: DiffPart[];
}

export interface BundleEmail {
  id: string;
  /** original: what the agent wrote; resent: a revision re-sent through MultiMail. */
  role: string;
  mailboxId: string;
  threadId: string | null;
  status: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** The body as written (markdown source), never rendered HTML. */
  markdown: string;
  tags: Record<string, string>;
  metadata: Record<string, unknown> | null;
  receivedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  deliveredAt: string | null;
  bouncedAt: string | null;
  bounceType: string | null;
}

export interface BundleRevision {
  number: number;
  author: string;
  createdAt: string;
  /** The email this revision edits. */
  baseEmailId: string;
  subject: string;
  to: string[];
  cc: string[];
  markdown: string;
  contentHash: string;
  resendState: string;
  resentEmailId: string | null;
  lastError: string | null;
  /** Word diff against the email it edits, field by field; only fields that changed. */
  diff: FieldDiff[];
}

export interface ExcerptTurn {
  turnId: string;
  /** "caller", "agent", "system", or "tool" for a tool result. */
  speaker: string;
  /** When it was said, as an offset into the call ("01:42"; null when the transcript carries no time). */
  at: string | null;
  text: string;
}

export interface BundleCheck {
  id: string;
  kind: string;
  /** The checker's status (supported, unsupported, mismatch, unknown, info). */
  status: string;
  /** What it means for the reviewer: problem, unverified, supported or note. */
  verdict: string;
  /** The claim as it appears in the draft. */
  text: string;
  part: "subject" | "body" | null;
  message: string;
  needsConfirmation: boolean;
  /** The transcript turns behind the verdict, in call order. */
  excerpt: ExcerptTurn[];
}

export interface BundleAuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  emailId: string | null;
  summary: string;
  details: Record<string, unknown>;
}

export interface EvidenceBundle {
  schema: typeof EVIDENCE_BUNDLE_SCHEMA;
  generatedAt: string;
  item: {
    id: string;
    state: string;
    attention: string | null;
    mailboxId: string;
    mailboxLabel: string;
    subject: string;
    from: string;
    to: string[];
    heldAt: string;
    decision: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    decisionReason: string | null;
    deliveredAt: string | null;
    bouncedAt: string | null;
  };
  multimail: {
    mailboxId: string;
    /** The email the item started from (the agent's draft). */
    rootEmailId: string;
    /** The email the decision applies to now (the re-sent one after an edit). */
    currentEmailId: string;
    threadIds: string[];
    /** Delivery state of the current email: from MultiMail's delivered_at / bounced_at. */
    delivery: "delivered" | "bounced" | "not_delivered";
  };
  session: {
    roomSid: string | null;
    roomName: string | null;
    jobId: string | null;
    agentName: string | null;
    agentNote: string | null;
    agentConfidence: number | null;
    caller: { identity: string | null; name: string | null; email: string | null; phone: string | null };
    transcriptState: string;
    startedAt: string | null;
    endedAt: string | null;
    /** Call recordings (LiveKit egress): where each file is, not the audio itself. */
    recordings: { egressId: string; status: string; files: { filename: string | null; location: string | null; durationSeconds: number | null }[] }[];
  };
  /** Held, first opened by a reviewer, decided, delivered. */
  timestamps: { heldAt: string; firstViewedAt: string | null; decidedAt: string | null; deliveredAt: string | null; bouncedAt: string | null };
  /** Every MultiMail email of the item, the original first. */
  emails: BundleEmail[];
  revisions: BundleRevision[];
  /** The evidence checks of the current draft and what they found. */
  checks: {
    emailId: string;
    summary: string;
    counts: { problems: number; recipientsToConfirm: number; unverified: number; supported: number; notes: number };
    recipientOk: boolean;
    transcriptAvailable: boolean;
    citedTurnIds: string[];
    findings: BundleCheck[];
  } | null;
  /** The reviewer's answers to the approval gates (audit entries). */
  confirmations: {
    recipient: BundleAuditEntry[];
    stale: BundleAuditEntry[];
  };
  /** Each decision sent (or to be sent) to MultiMail, oldest first. */
  decisions: {
    id: string;
    emailId: string;
    action: string;
    reason: string | null;
    actor: string;
    delivery: string;
    attempts: number;
    upstreamStatus: string | null;
    lastError: string | null;
    createdAt: string;
    deliveredAt: string | null;
  }[];
  /** The item's whole audit trail, oldest first (claims released on page close left out). */
  audit: BundleAuditEntry[];
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

function wordDiff(before: { to: string[]; cc: string[]; subject: string; markdown: string }, after: typeof before): FieldDiff[] {
  const fields: [FieldDiff["field"], string, string][] = [
    ["To", before.to.join(", "), after.to.join(", ")],
    ["Cc", before.cc.join(", "), after.cc.join(", ")],
    ["Subject", before.subject, after.subject],
    ["Body", before.markdown, after.markdown],
  ];
  return fields
    .map(([field, a, b]) => ({
      field,
      parts: diffWords(a, b).map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) })),
    }))
    .filter((d) => d.parts.some((p) => p.added || p.removed));
}

/** The transcript turns behind a finding: each cited item id resolved to what was said, when. */
function excerptOf(turnIds: string[], session: SessionView | null): ExcerptTurn[] {
  if (!session) return [];
  const byAnchor = new Map<string, TimelineEntry>(session.transcript.entries.map((e) => [e.anchorId, e]));
  const seen = new Set<string>();
  const turns: ExcerptTurn[] = [];
  for (const turnId of turnIds) {
    const anchor = session.transcript.anchors[turnId];
    const entry = anchor ? byAnchor.get(anchor.anchorId) : undefined;
    if (!entry || seen.has(entry.anchorId)) continue;
    seen.add(entry.anchorId);
    if (entry.kind === "message") turns.push({ turnId, speaker: entry.speaker, at: entry.at, text: entry.text });
    else if (entry.kind === "tool") turns.push({ turnId, speaker: "tool", at: entry.at, text: `${entry.name}: ${entry.output ?? entry.arguments}` });
    else if (entry.kind === "handoff") turns.push({ turnId, speaker: "system", at: entry.at, text: `Handoff to ${entry.to}` });
    else turns.push({ turnId, speaker: "system", at: entry.at, text: entry.detail ? `${entry.label}: ${entry.detail}` : entry.label });
  }
  return turns;
}

function auditEntry(row: typeof auditLog.$inferSelect): BundleAuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    emailId: row.emailId,
    summary: summarizeAudit(row.action, row.details),
    details: row.details,
  };
}

/** The bundle of one review item, or null when Countersign has no such item. */
export async function buildEvidenceBundle(db: Db, itemId: string, now = new Date()): Promise<EvidenceBundle | null> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return null;
  const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, itemId));
  if (!item) return null;
  // One after another: on PostgreSQL these may share a connection inside a caller's transaction.
  const emailRows = await db.select().from(emails).where(eq(emails.itemId, item.id));
  const revisionRows = await db.select().from(revisions).where(eq(revisions.itemId, item.id)).orderBy(asc(revisions.number));
  const decisionRows = await db.select().from(decisions).where(eq(decisions.itemId, item.id)).orderBy(asc(decisions.createdAt));
  const auditRows = await db.select().from(auditLog).where(eq(auditLog.itemId, item.id)).orderBy(asc(auditLog.at), asc(auditLog.id));
  const [mailbox] = await db.select().from(mailboxes).where(eq(mailboxes.id, item.mailboxId));
  const evidence = await getItemEvidence(db, item.id);

  const ordered = [...emailRows].sort((a, b) =>
    a.id === item.rootEmailId ? -1 : b.id === item.rootEmailId ? 1 : (a.receivedAt?.getTime() ?? 0) - (b.receivedAt?.getTime() ?? 0),
  );
  const byId = new Map(emailRows.map((e) => [e.id, e]));
  const current = byId.get(item.currentEmailId) ?? byId.get(item.rootEmailId);
  // A re-sent revision carries no session of its own: what the agent's email named fills the gaps.
  const root = byId.get(item.rootEmailId);
  const currentLink = readSessionLink({ metadata: current?.metadata ?? null, tags: current?.tags ?? {} });
  const rootLink = readSessionLink({ metadata: root?.metadata ?? null, tags: root?.tags ?? {} });
  const link = {
    roomSid: currentLink.roomSid ?? rootLink.roomSid,
    roomName: currentLink.roomName ?? rootLink.roomName,
    jobId: currentLink.jobId ?? rootLink.jobId,
    agentName: currentLink.agentName ?? rootLink.agentName,
    agentNote: currentLink.agentNote ?? rootLink.agentNote,
    agentConfidence: currentLink.agentConfidence ?? rootLink.agentConfidence,
    callerIdentity: currentLink.callerIdentity ?? rootLink.callerIdentity,
    callerName: currentLink.callerName ?? rootLink.callerName,
    callerEmail: currentLink.callerEmail ?? rootLink.callerEmail,
  };
  const session = evidence?.session ?? null;
  const audit = auditRows.filter((a) => a.action !== "claim.released").map(auditEntry);

  const revisionsOut: BundleRevision[] = revisionRows.map((r) => {
    // Revision 1 edits the agent's draft; a later one edits the email its predecessor became.
    const base = r.number === 1 ? byId.get(item.rootEmailId) : byId.get(r.baseEmailId);
    const after = { to: r.toAddresses, cc: r.ccAddresses, subject: r.subject, markdown: r.markdown };
    return {
      number: r.number,
      author: r.author,
      createdAt: r.createdAt.toISOString(),
      baseEmailId: r.baseEmailId,
      subject: r.subject,
      to: r.toAddresses,
      cc: r.ccAddresses,
      markdown: r.markdown,
      contentHash: r.contentHash,
      resendState: r.resendState,
      resentEmailId: r.resentEmailId,
      lastError: r.lastError,
      diff: base ? wordDiff({ to: base.toAddresses, cc: base.ccAddresses, subject: base.subject, markdown: base.markdown }, after) : [],
    };
  });

  let checks: EvidenceBundle["checks"] = null;
  if (evidence) {
    const summary = summarizeEvidence(evidence.report);
    checks = {
      emailId: evidence.emailId,
      summary: summary.label,
      counts: {
        problems: summary.problems,
        recipientsToConfirm: summary.recipientsToConfirm,
        unverified: summary.unverified,
        supported: summary.supported,
        notes: summary.notes,
      },
      recipientOk: evidence.report.recipientOk,
      transcriptAvailable: evidence.report.transcriptAvailable,
      citedTurnIds: evidence.citedTurnIds,
      findings: evidence.report.findings.map((f) => ({
        id: f.id,
        kind: f.kind,
        status: f.status,
        verdict: verdictOf(f),
        text: f.text,
        part: f.part,
        message: f.message,
        needsConfirmation: f.needsConfirmation,
        excerpt: excerptOf(f.turnIds, session),
      })),
    };
  }

  return {
    schema: EVIDENCE_BUNDLE_SCHEMA,
    generatedAt: now.toISOString(),
    item: {
      id: item.id,
      state: item.state,
      attention: item.attention,
      mailboxId: item.mailboxId,
      mailboxLabel: mailbox ? (mailbox.displayName ? `${mailbox.displayName} <${mailbox.address}>` : mailbox.address || mailbox.id) : item.mailboxId,
      subject: item.subject,
      from: item.fromAddress,
      to: item.toAddresses,
      heldAt: item.heldAt.toISOString(),
      decision: item.decision,
      decidedBy: item.decidedBy,
      decidedAt: iso(item.decidedAt),
      decisionReason: item.decisionReason,
      deliveredAt: iso(item.deliveredAt),
      bouncedAt: iso(item.bouncedAt),
    },
    multimail: {
      mailboxId: item.mailboxId,
      rootEmailId: item.rootEmailId,
      currentEmailId: item.currentEmailId,
      threadIds: [...new Set(emailRows.map((e) => e.threadId).filter((t): t is string => Boolean(t)))],
      delivery: (current?.bouncedAt ?? item.bouncedAt) ? "bounced" : (current?.deliveredAt ?? item.deliveredAt) ? "delivered" : "not_delivered",
    },
    session: {
      roomSid: item.roomSid ?? link.roomSid,
      roomName: item.roomName ?? link.roomName,
      jobId: item.jobId ?? link.jobId,
      agentName: link.agentName ?? session?.transcript.jobs.find((j) => j.jobId === (item.jobId ?? link.jobId))?.agentName ?? null,
      agentNote: link.agentNote,
      agentConfidence: link.agentConfidence,
      caller: {
        identity: session?.caller?.identity ?? link.callerIdentity,
        name: session?.caller?.name ?? item.callerName ?? link.callerName,
        email: session?.caller?.email ?? item.callerEmail ?? link.callerEmail,
        phone: session?.caller?.phone ?? null,
      },
      transcriptState: evidence?.transcriptState ?? "none",
      startedAt: session?.startedAt ?? null,
      endedAt: session?.endedAt ?? null,
      recordings: (session?.recordings ?? []).map((r) => ({
        egressId: r.egressId,
        status: r.status,
        files: r.files.map((f) => ({ filename: f.filename, location: f.location, durationSeconds: f.durationSeconds })),
      })),
    },
    timestamps: {
      heldAt: item.heldAt.toISOString(),
      firstViewedAt: audit.find((a) => a.action === "claim.taken" || a.action === "claim.taken_over")?.at ?? null,
      decidedAt: iso(item.decidedAt),
      deliveredAt: iso(current?.deliveredAt ?? item.deliveredAt),
      bouncedAt: iso(current?.bouncedAt ?? item.bouncedAt),
    },
    emails: ordered.map((e) => ({
      id: e.id,
      role: e.role,
      mailboxId: e.mailboxId,
      threadId: e.threadId,
      status: e.status,
      from: e.fromAddress,
      to: e.toAddresses,
      cc: e.ccAddresses,
      subject: e.subject,
      markdown: e.markdown,
      tags: e.tags,
      metadata: e.metadata ?? null,
      receivedAt: iso(e.receivedAt),
      approvedAt: iso(e.approvedAt),
      approvedBy: e.approvedBy,
      deliveredAt: iso(e.deliveredAt),
      bouncedAt: iso(e.bouncedAt),
      bounceType: e.bounceType,
    })),
    revisions: revisionsOut,
    checks,
    confirmations: {
      recipient: audit.filter((a) => a.action === "recipient.confirmed"),
      stale: audit.filter((a) => a.action === "stale.acknowledged"),
    },
    decisions: decisionRows.map((d) => ({
      id: d.id,
      emailId: d.emailId,
      action: d.action,
      reason: d.reason,
      actor: d.actor,
      delivery: d.delivery,
      attempts: d.attempts,
      upstreamStatus: d.upstreamStatus,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: iso(d.deliveredAt),
    })),
    audit,
  };
}
