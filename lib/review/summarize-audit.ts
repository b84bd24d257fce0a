// One line per audit entry for the item history.
export function summarizeAudit(action: string, details: Record<string, unknown>): string {
  const d = details as Record<string, string | number | boolean | null | undefined>;
  switch (action) {
    case "claim.taken":
      return "Opened for review";
    case "claim.taken_over":
      return `Took the review over${d.from ? ` from ${d.from}` : ""}`;
    case "email.held":
      return "Held by MultiMail for review";
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
    default:
      return action;
  }
}
