// The trust-ladder suggestion of each mailbox, from its last 50 decisions made in Countersign
// (review_items_mailbox_decided_idx, newest first; a bounded read whatever the history's size).
//
// - upgrade: all of the last 50 were approved without an edit and none of those approvals went past a
//   failing evidence check (findings_count > 0 counts as a finding ignored). MultiMail raises a
//   mailbox's oversight mode only through its trust ladder (multimail-api.md §2.1): request-upgrade,
//   then the operator's emailed code. The page shows those steps; it calls nothing.
// - stay / downgrade: more than 20 % of the last decisions (at least 10 of them) were edits or
//   rejections. A mailbox above gated_send should go back to it (PATCH, downgrade only, no code);
//   one at gated_send or below should stay and not request an upgrade.
// - keep reviewing: anything in between, with how far it is from an upgrade.
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { queryRows } from "./query-rows";
import type { LadderWindow, TrustSuggestion } from "./schemas";

export const LADDER_WINDOW = 50;
/** Edits and rejections above this share of the window ask to stay (or go back to gated_send). */
export const CAUTION_SHARE = 0.2;
/** Fewer decisions than this say too little to warn on. */
export const CAUTION_MIN_DECISIONS = 10;

/** MultiMail's oversight modes, most restrictive first (multimail-api.md §2.1, §3). */
export const oversightModes = ["read_only", "gated_all", "gated_send", "monitored", "autonomous"] as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The numbers, in words: "48 of the last 50 approved unedited; 1 edited; 1 rejected; 0 findings ignored". */
export function describeWindow(w: LadderWindow): string {
  if (w.decisions === 0) return "No decisions yet";
  return `${w.approvedUnedited} of the last ${w.decisions} approved unedited; ${w.edited} edited; ${w.rejected} rejected; ${plural(w.findingsIgnored, "finding")} ignored`;
}

function nextMode(mode: string | null): string | null {
  const at = oversightModes.indexOf((mode ?? "gated_send") as (typeof oversightModes)[number]);
  return at >= 0 && at < oversightModes.length - 1 ? oversightModes[at + 1]! : null;
}

/** The rule, on one mailbox's window and its current oversight mode (null when not synced yet). */
export function suggestTrustStep(mailboxId: string, label: string, mode: string | null, window: LadderWindow): TrustSuggestion {
  const basis = describeWindow(window);
  const base = { mailboxId, label, mode, window, basis };
  const corrected = window.edited + window.rejected;
  const modeRank = oversightModes.indexOf((mode ?? "gated_send") as (typeof oversightModes)[number]);
  const aboveGatedSend = modeRank > oversightModes.indexOf("gated_send");
  if (window.decisions >= CAUTION_MIN_DECISIONS && corrected / window.decisions > CAUTION_SHARE) {
    const share = Math.round((corrected / window.decisions) * 100);
    return aboveGatedSend
      ? { ...base, kind: "downgrade", targetMode: "gated_send", headline: `Go back to gated_send: ${share}% of recent decisions were edits or rejections.` }
      : { ...base, kind: "stay", targetMode: null, headline: `Stay on ${mode ?? "gated_send"}: ${share}% of recent decisions were edits or rejections.` };
  }
  const target = nextMode(mode);
  if (window.decisions >= LADDER_WINDOW && window.approvedUnedited === window.decisions && window.findingsIgnored === 0 && target) {
    return { ...base, kind: "upgrade", targetMode: target, headline: `Ready to request an upgrade to ${target}.` };
  }
  const streakNeeded = LADDER_WINDOW - window.approvedUnedited;
  const why =
    window.findingsIgnored > 0
      ? `${plural(window.findingsIgnored, "approval")} went past a failing evidence check.`
      : window.decisions < LADDER_WINDOW
        ? `an upgrade needs ${LADDER_WINDOW} decisions in Countersign; ${window.decisions} so far.`
        : `${streakNeeded} of the last ${LADDER_WINDOW} were not clean approvals.`;
  return { ...base, kind: "keep", targetMode: null, headline: target ? `Keep reviewing: ${why}` : `Already at ${mode}: nothing higher to request.` };
}

/** The last LADDER_WINDOW decisions of one mailbox, counted. */
async function windowOf(db: Db, mailboxId: string): Promise<LadderWindow> {
  const [r = {}] = await queryRows(
    db,
    sql`
    select count(*) as decisions,
      count(*) filter (where decision = 'approve') as approved,
      count(*) filter (where decision = 'edit') as edited,
      count(*) filter (where decision = 'reject') as rejected,
      count(*) filter (where decision = 'approve' and findings_count > 0) as ignored
    from (
      select decision, findings_count from review_items
      where mailbox_id = ${mailboxId} and decided_at is not null and state in ('approved', 'rejected', 'edited')
      order by decided_at desc
      limit ${LADDER_WINDOW}
    ) recent`,
  );
  return {
    decisions: Number(r.decisions ?? 0),
    approvedUnedited: Number(r.approved ?? 0),
    edited: Number(r.edited ?? 0),
    rejected: Number(r.rejected ?? 0),
    findingsIgnored: Number(r.ignored ?? 0),
  };
}

/** The suggestion for each given mailbox (the synced mailboxes and those with decisions in view). */
export async function getTrustSuggestions(db: Db, mailboxIds: string[], labels: Map<string, string>): Promise<TrustSuggestion[]> {
  const modes = new Map(
    (await queryRows(db, sql`select id, oversight_mode from mailboxes`)).map((m) => [String(m.id), m.oversight_mode ? String(m.oversight_mode) : null]),
  );
  const out: TrustSuggestion[] = [];
  for (const id of [...new Set(mailboxIds)].sort()) {
    out.push(suggestTrustStep(id, labels.get(id) ?? id, modes.get(id) ?? null, await windowOf(db, id)));
  }
  return out;
}

/** The mailboxes worth a suggestion: every synced one, plus any with decisions in the period. */
export async function knownMailboxIds(db: Db): Promise<string[]> {
  return (await queryRows(db, sql`select id from mailboxes`)).map((m) => String(m.id));
}
