// Shapes Settings → MultiMail and Settings → LiveKit show (client-safe: types and constants only).

/** Events Countersign subscribes to (README "Connecting MultiMail"; first-party names, multimail-api.md §4). */
export const WEBHOOK_EVENTS = [
  "oversight.pending",
  "oversight.approved",
  "oversight.rejected",
  "message.sent",
  "message.delivered",
  "message.bounced",
  "message.received",
] as const;

/** Most restrictive first (multimail-api.md §2.1): a PATCH may only move left, upgrades use the trust ladder. */
export const OVERSIGHT_MODE_ORDER = ["read_only", "gated_all", "gated_send", "monitored", "autonomous"] as const;
export type OversightModeName = (typeof OVERSIGHT_MODE_ORDER)[number];

export const OVERSIGHT_MODE_LABELS: Record<OversightModeName, string> = {
  read_only: "Read only: nothing is sent",
  gated_all: "Gated all: in and out held",
  gated_send: "Gated send: outbound held",
  monitored: "Monitored: sent, operator copied",
  autonomous: "Autonomous: sent at once",
};

export type Tone = "ok" | "warn" | "bad" | "muted";

export interface KeyAbilities {
  /** null: MultiMail's answer did not tell (rate limited, 5xx). */
  list: boolean | null;
  decide: boolean | null;
  send: boolean | null;
  admin: boolean | null;
}

export interface KeyVerdict {
  role: "oversight" | "send" | "admin";
  label: string;
  variable: string;
  configured: boolean;
  tone: Tone;
  verdict: string;
  abilities: KeyAbilities | null;
  /** As `GET /v1/api-keys` lists them, when the admin key could read them and the prefix named one key. */
  scopes: string[] | null;
}

export interface JobState {
  name: "reconciler" | "outbox";
  label: string;
  intervalMs: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastOk: boolean | null;
  lastError: { at: string; message: string } | null;
  nextRunAt: string | null;
  /** Whether an instance holds the job's lease now. */
  leaseHeld: boolean;
  summary: Record<string, number> | null;
  backlog: { label: string; count: number }[];
}

export interface MultiMailStatus {
  configured: boolean;
  apiUrl: string | null;
  missing: string[];
  health: { ok: boolean; status: string } | { ok: false; status: "unreachable"; message: string } | null;
  keys: KeyVerdict[];
  webhook: {
    expectedUrl: string;
    secretSource: "env" | "stored" | "none";
    /** Why a stored secret cannot be used (SECRETS_KEY missing or changed). */
    secretProblem: string | null;
    secretsKeySet: boolean;
    registered: { id: string; url: string | null; registeredAt: string; registeredBy: string } | null;
    lastReceived: { at: string; eventType: string; processed: boolean; error: string | null } | null;
    lastRejected: { at: string; reason: string } | null;
  };
  worker: { enabled: boolean; reason: string | null };
  jobs: JobState[];
  checkedAt: string;
}

export interface WebhookRow {
  id: string;
  url: string | null;
  events: string[];
  mailboxId: string | null;
  createdAt: string | null;
  /** The subscription whose secret Countersign stores. */
  ours: boolean;
}

export interface MailboxRow {
  id: string;
  address: string;
  displayName: string | null;
  signatureBlock: string | null;
  oversightMode: string | null;
}

export type ApprovalOutcome<T> = { step: "code_sent"; message: string } | ({ step: "done" } & T);

export interface LiveKitStatus {
  webhook: { configured: boolean; missing: string[]; expectedUrl: string; lastReceived: { at: string; eventType: string } | null };
  transcripts: { configured: boolean; missing: string[]; expectedUrl: string; count: number; last: { at: string; roomName: string | null; items: number } | null };
  server:
    | { configured: false; missing: string[] }
    | { configured: true; url: string; reachable: true; activeRooms: number }
    | { configured: true; url: string; reachable: false; message: string };
  checkedAt: string;
}
