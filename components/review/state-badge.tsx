import { Badge } from "@/components/ui/badge";

const labels: Record<string, { text: string; tone: "neutral" | "info" | "ok" | "warn" | "bad" }> = {
  pending: { text: "Held", tone: "warn" },
  edited: { text: "Edited · re-sending", tone: "info" },
  approved: { text: "Approved", tone: "ok" },
  rejected: { text: "Rejected", tone: "bad" },
  decided_elsewhere: { text: "Decided elsewhere", tone: "neutral" },
};

const deliveryLabels: Record<string, { text: string; tone: "neutral" | "info" | "ok" | "warn" | "bad" } | undefined> = {
  pending: { text: "Delivering to MultiMail…", tone: "info" },
  failed: { text: "MultiMail refused", tone: "bad" },
  superseded: { text: "Overtaken outside Countersign", tone: "neutral" },
};

/** Until MultiMail acknowledges a decision, the email is still held there: never call it approved yet. */
const inFlight: Record<string, { text: string; tone: "info" } | undefined> = {
  approved: { text: "Approving · waiting for MultiMail", tone: "info" },
  rejected: { text: "Rejecting · waiting for MultiMail", tone: "info" },
};

export function StateBadge({ state, delivery }: { state: string; delivery?: string }) {
  const waiting = delivery === "pending" ? inFlight[state] : undefined;
  const label = waiting ?? labels[state] ?? { text: state, tone: "neutral" as const };
  const d = delivery && !waiting ? deliveryLabels[delivery] : undefined;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={label.tone}>{label.text}</Badge>
      {d && state !== "pending" ? <Badge tone={d.tone}>{d.text}</Badge> : null}
    </span>
  );
}
