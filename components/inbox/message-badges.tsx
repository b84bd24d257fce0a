// What MultiMail says of one message, in words: read state, held or rejected, and delivery — which
// MultiMail reports only as `delivered_at` / `bounced_at`, never as a status (multimail-api.md §3).
import { Badge } from "@/components/ui/badge";
import type { EmailRow } from "@/lib/inbox/schemas";
import { formatDateTime } from "@/lib/format-date";

type Tone = "neutral" | "info" | "ok" | "warn" | "bad";

const statusLabels: Record<string, { text: string; tone: Tone }> = {
  unread: { text: "Unread", tone: "info" },
  read: { text: "Read", tone: "neutral" },
  archived: { text: "Archived", tone: "neutral" },
  deleted: { text: "Deleted", tone: "neutral" },
  pending_scan: { text: "Scanning", tone: "neutral" },
  pending_send_approval: { text: "Held for review", tone: "warn" },
  pending_inbound_approval: { text: "Held for review (inbound)", tone: "warn" },
  rejected: { text: "Rejected", tone: "bad" },
  cancelled: { text: "Cancelled", tone: "neutral" },
  send_failed: { text: "Send failed", tone: "bad" },
  scheduled: { text: "Scheduled", tone: "info" },
  spam_flagged: { text: "Flagged as spam", tone: "bad" },
  spam_quarantined: { text: "Quarantined as spam", tone: "bad" },
  approved_and_sent: { text: "Approved and sent", tone: "ok" },
  approved: { text: "Approved", tone: "ok" },
  sent: { text: "Sent", tone: "ok" },
};

export function statusLabel(status: string): { text: string; tone: Tone } {
  return statusLabels[status] ?? { text: status.replace(/_/g, " "), tone: "neutral" };
}

function time(iso: string) {
  return formatDateTime(iso);
}

export function MessageBadges({ message }: { message: Pick<EmailRow, "status" | "deliveredAt" | "bouncedAt" | "bounceType" | "direction"> }) {
  const label = statusLabel(message.status);
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={label.tone}>{label.text}</Badge>
      {message.bouncedAt ? (
        <Badge tone="bad" title={`Bounced ${time(message.bouncedAt)}`}>
          Bounced{message.bounceType ? ` (${message.bounceType})` : ""}
        </Badge>
      ) : message.deliveredAt ? (
        <Badge tone="ok" title={`Delivered ${time(message.deliveredAt)}`}>
          Delivered
        </Badge>
      ) : null}
    </span>
  );
}

export const modeLabels: Record<string, { text: string; tone: Tone; hint: string }> = {
  gated_send: { text: "Gated send", tone: "warn", hint: "Every outbound email is held for review" },
  gated_all: { text: "Gated all", tone: "warn", hint: "Outbound and inbound mail are held for review" },
  monitored: { text: "Monitored", tone: "info", hint: "Mail is sent at once; a copy goes to the oversight address" },
  autonomous: { text: "Autonomous", tone: "bad", hint: "Mail is sent at once without review" },
  read_only: { text: "Read only", tone: "neutral", hint: "Sending is refused" },
};

export function ModeBadge({ mode }: { mode: string | null }) {
  const label = mode ? (modeLabels[mode] ?? { text: mode, tone: "neutral" as const, hint: "" }) : { text: "Mode unknown", tone: "neutral" as const, hint: "" };
  return (
    <Badge tone={label.tone} title={label.hint || undefined}>
      {label.text}
    </Badge>
  );
}
