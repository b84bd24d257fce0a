// Human sentences for an item's outcome, used in conflict messages and the UI.
import { formatDistanceToNowStrict } from "date-fns";

interface Decided {
  state: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decision: string | null;
}

export function describeDecided(item: Decided): string {
  const who = item.decidedBy ?? "someone";
  const when = item.decidedAt ? ` ${formatDistanceToNowStrict(item.decidedAt)} ago` : "";
  switch (item.state) {
    case "approved":
      return `Already approved by ${who}${when}.`;
    case "rejected":
      return `Already rejected by ${who}${when}.`;
    case "edited":
      return `Already edited and approved by ${who}${when}; the edited version is being sent.`;
    case "decided_elsewhere":
      return `Already ${item.decision === "approve" ? "approved" : item.decision === "cancel" ? "cancelled" : "rejected"} outside Countersign (${who})${when}.`;
    default:
      return "This email is no longer waiting for a decision.";
  }
}
