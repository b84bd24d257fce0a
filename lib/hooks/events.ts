// The events a downstream hook can receive, and the rows Settings shows (client-safe: no server imports).
export const HOOK_EVENTS = ["item.approved", "item.rejected", "item.edited", "email.delivered", "email.bounced"] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** What a Slack-compatible target of a mailbox is told about. */
export const SLACK_EVENTS = ["slack.held", "slack.near_breach"] as const;
export type SlackEvent = (typeof SLACK_EVENTS)[number];

export const HOOK_EVENT_LABELS: Record<HookEvent, string> = {
  "item.approved": "approved",
  "item.rejected": "rejected",
  "item.edited": "edited",
  "email.delivered": "delivered",
  "email.bounced": "bounced",
};

export function isHookEvent(value: string): value is HookEvent {
  return (HOOK_EVENTS as readonly string[]).includes(value);
}

export interface HookAttemptRow {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  manual: boolean;
}

export interface HookDeliveryRow {
  id: string;
  event: string;
  createdAt: string;
  state: "delivered" | "retrying" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  log: HookAttemptRow[];
}

export interface HookRow {
  id: string;
  kind: "hook" | "slack";
  url: string;
  events: string[];
  mailboxId: string | null;
  createdBy: string;
  createdAt: string;
  deliveries: HookDeliveryRow[];
}

export interface MailboxOption {
  id: string;
  label: string;
}
