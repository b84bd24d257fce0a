// Audit entries in words, for the Activity page and an email's history: a readable name for every
// action, one line saying what happened (never raw JSON), who did it, and claim noise folded.
// Client-safe, pure.

type Details = Record<string, unknown>;

const ACTION_LABELS: Record<string, string> = {
  "auth.signed_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.signed_out": "Signed out",
  "auth.signed_out_everywhere": "Signed out everywhere",
  "auth.rate_limited": "Sign-in attempts limited",
  "user.created": "Account created",
  "user.role_changed": "Role changed",
  "user.deactivated": "Account deactivated",
  "user.reactivated": "Account reactivated",
  "invite.created": "Invite created",
  "invite.accepted": "Invite accepted",
  "invite.revoked": "Invite revoked",
  "claim.taken": "Opened for review",
  "claim.taken_over": "Review taken over",
  "claim.released": "Left the review",
  "settings.changed": "Settings changed",
  "agent_key.created": "Agent key created",
  "agent_key.revoked": "Agent key revoked",
  "agent.context_read": "Agent read contact context",
  "email.held": "Held for review",
  "email.synced": "Email updated from MultiMail",
  "email.decided_elsewhere": "Decided outside Countersign",
  "email.delivered": "Delivered",
  "email.bounced": "Bounced",
  "email.edited": "Edited",
  "decision.recorded": "Decision recorded",
  "decision.delivered": "Decision sent to MultiMail",
  "decision.delivery_failed": "Decision not delivered yet",
  "decision.reconciled": "Decision reconciled",
  "decision.refused": "Decision refused by MultiMail",
  "decision.undone": "Decision undone",
  "decision.bulk": "Bulk decision",
  "sla.changed": "SLA changed",
  "evidence.exported": "Evidence exported",
  "revision.sent": "Edited version re-sent",
  "revision.matched": "Re-sent version matches",
  "revision.mismatched": "Re-sent version differs",
  "revision.failed": "Re-sending failed",
  "webhook.rejected": "Webhook refused",
  "recipient.confirmed": "Recipient confirmed",
  "stale.acknowledged": "Stale draft acknowledged",
  "reply.sent": "Reply sent",
};

/** "decision.delivered" → "Decision sent to MultiMail"; an action not listed reads "Undo grace: changed". */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const [area = "", ...rest] = action.split(".");
  const words = (s: string) => s.replace(/[_-]+/g, " ").trim();
  const head = words(area);
  const tail = words(rest.join(" "));
  const text = tail ? `${head}: ${tail}` : head;
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "Unknown action";
}

function str(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** camelCase or snake_case key → "undo grace seconds". */
function keyWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => (v && typeof v === "object" ? (str((v as Details).address) ?? str((v as Details).name) ?? null) : valueText(v))).filter(Boolean);
    return parts.length ? parts.join(", ") : null;
  }
  if (typeof value === "object") {
    const parts = Object.entries(value as Details)
      .map(([k, v]) => {
        const text = valueText(v);
        return text === null ? null : `${keyWords(k)} ${text}`;
      })
      .filter(Boolean);
    return parts.length ? parts.join(", ") : null;
  }
  return null;
}

/** Identifiers nobody reads in a sentence (the item and email links carry them). */
const HIDDEN_KEYS = new Set(["userId", "inviteId", "keyId", "itemId", "emailId", "id"]);

/** Any details as plain words: "undo grace seconds 30 · four eyes on"; empty when there is nothing to say. */
export function detailsText(details: Details): string {
  return Object.entries(details)
    .filter(([key]) => !HIDDEN_KEYS.has(key))
    .map(([key, value]) => {
      const text = valueText(value);
      return text === null ? null : `${keyWords(key)}: ${text}`;
    })
    .filter(Boolean)
    .join(" · ");
}

/** One line per audit entry: what happened, in words. */
export function summarizeAudit(action: string, details: Details): string {
  const d = details as Record<string, string | number | boolean | null | undefined>;
  switch (action) {
    case "claim.taken":
      return "Opened for review";
    case "claim.taken_over":
      return `Took the review over${d.from ? ` from ${d.from}` : ""}`;
    case "claim.released":
      return "Left the review";
    case "email.held":
      return "Held by MultiMail for review";
    case "email.synced":
      return "Updated from MultiMail";
    case "decision.recorded":
      return d.action === "approve"
        ? d.automatic
          ? "Approved automatically: the re-sent email matches the approved revision"
          : "Approved"
        : `Rejected${d.reason ? `: ${d.reason}` : ""}`;
    case "decision.delivered":
      return `MultiMail acknowledged the ${d.action === "approve" ? "approval" : "rejection"}${d.upstreamStatus ? ` (${d.upstreamStatus})` : ""}`;
    case "decision.reconciled":
      return `MultiMail already had this ${d.action === "approve" ? "approval" : "rejection"}; reconciled`;
    case "decision.delivery_failed":
      return d.willRetry ? `MultiMail did not answer (${d.error}); retrying until it does` : `MultiMail refused the decision: ${d.error}`;
    case "decision.refused":
      return `MultiMail kept refusing the ${d.action === "approve" ? "approval" : "rejection"} (${d.multimailSaid}); back to review`;
    case "decision.undone":
      return "Undone before it went to MultiMail: back in the queue as it was";
    case "decision.bulk": {
      const leftOut = Array.isArray(details.leftOut) ? details.leftOut.length : 0;
      const verb = d.action === "approve" ? "Approved" : "Rejected";
      const scope = d.selection === "filter" ? `every held email matching a filter${d.capped ? ", capped" : ""}` : "a selection";
      return `${verb} ${d.count ?? 0} of ${d.requested ?? 0} emails in bulk (${scope})${leftOut ? `; ${leftOut} left out for a reviewer to open` : ""}${d.action === "reject" && d.reason ? `: ${d.reason}` : ""}`;
    }
    case "sla.changed":
      return `SLA of ${d.address ?? d.mailboxId ?? "a mailbox"} ${d.to ? `set to ${d.to} minutes from the call's end` : "removed"}${d.from ? ` (was ${d.from})` : ""}`;
    case "evidence.exported":
      return `Exported the evidence bundle (${d.format === "html" ? "printable page" : "JSON"})`;
    case "email.edited":
      return `Edited (revision ${d.revision})`;
    case "revision.sent":
      return `Edited version re-sent through MultiMail (revision ${d.revision})`;
    case "revision.matched":
      return `Re-sent email matches revision ${d.revision}`;
    case "revision.mismatched":
      return `Re-sent email does not match revision ${d.revision}; needs review`;
    case "revision.failed":
      return `Re-sending revision ${d.revision} failed: ${d.error}`;
    case "email.decided_elsewhere":
      return `Decided outside Countersign (${d.status})`;
    case "email.delivered":
      return "Delivered to the recipient";
    case "email.bounced":
      return `Bounced${d.bounceType ? ` (${d.bounceType})` : ""}`;
    case "stale.acknowledged":
      return "Stale draft acknowledged: the reviewer saw the contact's newer message or call before approving";
    case "reply.sent":
      return "Reply written in Countersign and sent to MultiMail";
    case "recipient.confirmed": {
      const list = Array.isArray(details.recipients) ? (details.recipients as { address?: unknown }[]).map((r) => String(r.address ?? "")).filter(Boolean) : [];
      return `Recipient confirmed by the reviewer despite the check${list.length ? ` (${list.join(", ")})` : ""}`;
    }
    case "auth.signed_in":
      return `Signed in${d.ip ? ` from ${d.ip}` : ""}`;
    case "auth.sign_in_failed":
      return `Sign-in failed${d.email ? ` for ${d.email}` : ""}${d.reason ? `: ${d.reason}` : ""}`;
    case "auth.signed_out":
      return "Signed out";
    case "auth.signed_out_everywhere":
      return "Signed out on every device";
    case "auth.rate_limited":
      return `Too many sign-in attempts${d.email ? ` for ${d.email}` : ""}${d.ip ? ` from ${d.ip}` : ""}; paused for a while`;
    case "user.created":
      return `Created the account ${d.email ?? ""}${d.role ? ` (${d.role})` : ""}`.replace(/ {2,}/g, " ").trim();
    case "user.role_changed":
      return `Changed ${d.email ?? "an account"} from ${d.from ?? "?"} to ${d.to ?? "?"}`;
    case "user.deactivated":
      return `Deactivated ${d.email ?? "an account"}`;
    case "user.reactivated":
      return `Reactivated ${d.email ?? "an account"}`;
    case "invite.created":
      return `Invited ${d.email ?? "anyone with the link"}${d.role ? ` as ${d.role}` : ""}`;
    case "invite.accepted":
      return `Accepted an invite${d.role ? ` as ${d.role}` : ""}`;
    case "invite.revoked":
      return "Revoked an invite";
    case "agent_key.created":
      return `Created the agent key ${d.name ? `“${d.name}”` : ""}${d.prefix ? ` (${d.prefix}…)` : ""}`.trim();
    case "agent_key.revoked":
      return `Revoked the agent key ${d.name ? `“${d.name}”` : ""}${d.prefix ? ` (${d.prefix}…)` : ""}`.trim();
    case "agent.context_read":
      return `Read the context of ${d.contact ?? "a contact"}${d.found === false ? " (nothing known yet)" : ""}`;
    default: {
      const text = detailsText(details);
      return text ? `${actionLabel(action)}: ${text}` : actionLabel(action);
    }
  }
}

/** Who did it: a person (name and address), or Countersign, MultiMail or an agent key. */
export type ActorView =
  | { kind: "person"; name: string | null; email: string }
  | { kind: "system" | "multimail" | "anonymous"; name: string; email: null }
  | { kind: "agent"; name: string; email: null };

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/**
 * Reads an audit actor: "Ada Lovelace <ada@example.com>", "ada@example.com" (a name from `names`,
 * keyed by lower-cased address, when known), "system", "multimail", "anonymous" or "agent:<key name>".
 */
export function actorOf(actor: string, names: ReadonlyMap<string, string> = new Map()): ActorView {
  const labelled = /^(.*?)\s*<([^<>]+)>$/.exec(actor.trim());
  if (labelled) {
    const email = labelled[2]!.trim();
    return { kind: "person", name: labelled[1]!.trim() || names.get(email.toLowerCase()) || null, email };
  }
  if (EMAIL.test(actor.trim())) {
    const email = actor.trim();
    const name = names.get(email.toLowerCase());
    return { kind: "person", name: name && name !== email ? name : null, email };
  }
  if (actor === "system") return { kind: "system", name: "Countersign", email: null };
  if (actor === "multimail") return { kind: "multimail", name: "MultiMail", email: null };
  if (actor === "anonymous" || actor === "") return { kind: "anonymous", name: "Not signed in", email: null };
  if (actor.startsWith("agent:")) return { kind: "agent", name: `Agent key “${actor.slice("agent:".length)}”`, email: null };
  return { kind: "system", name: actor, email: null };
}

/** "Ada Lovelace <ada@example.com>", "ada@example.com", "MultiMail": one line for CSV and titles. */
export function actorText(view: ActorView): string {
  if (view.kind !== "person") return view.name;
  return view.name ? `${view.name} <${view.email}>` : view.email;
}

/** The address an actor string names, lower-cased, for a name lookup. */
export function actorEmail(actor: string): string | null {
  const view = actorOf(actor);
  return view.kind === "person" ? view.email.toLowerCase() : null;
}

/** Claim entries: opening and leaving a review, repeated by the page as a reviewer comes and goes. */
const CLAIM_NOISE = new Set(["claim.taken", "claim.released"]);

export interface FoldableEntry {
  actor: string;
  action: string;
  itemId: string | null;
  at: Date | string;
}

export type Folded<T> = T & {
  /** Entries this line stands for (1 for every entry that is not folded claim noise). */
  count: number;
  /** Of those, how many opened the review and how many left it. */
  opened: number;
  left: number;
  /** The oldest of the folded entries (the line's own `at` is the newest). */
  firstAt: Date | string;
};

/**
 * Folds runs of claim entries (opened, left) by the same person on the same email, next to each other
 * in the list, into one line with a count. Everything else, a take-over included, stays as it is.
 */
export function foldClaimNoise<T extends FoldableEntry>(entries: readonly T[]): Folded<T>[] {
  const out: Folded<T>[] = [];
  for (const entry of entries) {
    const last = out[out.length - 1];
    if (
      last &&
      CLAIM_NOISE.has(entry.action) &&
      CLAIM_NOISE.has(last.action) &&
      last.itemId !== null &&
      last.itemId === entry.itemId &&
      sameActor(last.actor, entry.actor)
    ) {
      last.count += 1;
      if (entry.action === "claim.taken") last.opened += 1;
      else last.left += 1;
      last.firstAt = entry.at;
      continue;
    }
    out.push({ ...entry, count: 1, opened: entry.action === "claim.taken" ? 1 : 0, left: entry.action === "claim.released" ? 1 : 0, firstAt: entry.at });
  }
  return out;
}

function sameActor(a: string, b: string): boolean {
  if (a === b) return true;
  const ea = actorEmail(a);
  return ea !== null && ea === actorEmail(b);
}

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** A folded run of claim entries in words: "Opened for review 3 times, left it twice"; any other entry keeps its summary. */
export function foldedSummary(entry: { count: number; opened: number; left: number }, summary: string): string {
  if (entry.count <= 1) return summary;
  if (entry.opened === 0) return `Left the review ${times(entry.left)}`;
  return `Opened for review ${times(entry.opened)}${entry.left ? `, left it ${times(entry.left)}` : ""}`;
}
