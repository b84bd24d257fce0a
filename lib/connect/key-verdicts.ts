// What each configured MultiMail key may do, read from MultiMail itself, and a plain verdict per key.
// The oversight key must list and decide and must not send; the send key must send and must not hold
// oversight (MultiMail refuses keys with both, multimail-api.md §1); the admin key must hold admin.
import type { MultiMailClient } from "@/lib/multimail/client";
import type { KeyAbilities, KeyVerdict, Tone } from "./schemas";

/** An id no email or mailbox has: the probes below are refused for scope or answer 404, and change nothing. */
const PROBE_ID = "countersign-scope-probe";

type ProbeAnswer = boolean | null | "invalid_key" | "unreachable";

/** 401: the key itself is refused. 403: the scope is missing. Any other 4xx passed the scope check. */
function readStatus(status: number): ProbeAnswer {
  if (status === 0) return "unreachable";
  if (status === 401) return "invalid_key";
  if (status === 403) return false;
  if ((status >= 200 && status < 300) || status === 400 || status === 404 || status === 409 || status === 422) return true;
  return null;
}

export type KeyProbe = { state: "ok"; abilities: KeyAbilities } | { state: "invalid_key" } | { state: "unreachable" };

/**
 * Four harmless requests, one per ability: list pending [oversight/oversight_read]; decide an email
 * that does not exist [oversight]; cancel one that does not exist [send]; list webhooks [admin].
 */
export async function probeKey(client: MultiMailClient): Promise<KeyProbe> {
  const answers = await Promise.all([
    client.probe("GET", "/v1/oversight/pending"),
    client.probe("POST", "/v1/oversight/decide", { email_id: PROBE_ID, action: "reject", reason: "Countersign scope check (no such email)" }),
    client.probe("POST", `/v1/mailboxes/${PROBE_ID}/emails/${PROBE_ID}/cancel`),
    client.probe("GET", "/v1/webhooks"),
  ]);
  const [list, decide, send, admin] = answers.map(readStatus) as [ProbeAnswer, ProbeAnswer, ProbeAnswer, ProbeAnswer];
  const all = [list, decide, send, admin];
  if (all.includes("invalid_key")) return { state: "invalid_key" };
  if (all.every((a) => a === "unreachable")) return { state: "unreachable" };
  const known = (a: ProbeAnswer) => (typeof a === "boolean" ? a : null);
  return { state: "ok", abilities: { list: known(list), decide: known(decide), send: known(send), admin: known(admin) } };
}

const META = {
  oversight: { label: "Oversight key", variable: "MULTIMAIL_OVERSIGHT_KEY" },
  send: { label: "Send key", variable: "MULTIMAIL_SEND_KEY" },
  admin: { label: "Admin key", variable: "MULTIMAIL_ADMIN_KEY" },
} as const;

type Role = keyof typeof META;

function make(role: Role, tone: Tone, verdict: string, probe: KeyProbe | null, scopes: string[] | null = null): KeyVerdict {
  return {
    role,
    ...META[role],
    configured: probe !== null,
    tone,
    verdict,
    abilities: probe?.state === "ok" ? probe.abilities : null,
    scopes,
  };
}

const UNCLEAR = "MultiMail did not give a clear answer (rate limited or unavailable). Run the check again in a minute.";

/** The verdict for one key from what MultiMail answered; `sameAsOversight` flags the send key reusing the oversight key. */
export function verdictFor(role: Role, probe: KeyProbe | null, options: { sameAsOversight?: boolean; scopes?: string[] | null } = {}): KeyVerdict {
  const scopes = options.scopes ?? null;
  const variable = META[role].variable;
  if (!probe) {
    if (role === "oversight") return make(role, "bad", `Not set: Countersign cannot list or decide held emails. Set ${variable}.`, null);
    if (role === "send") return make(role, "warn", `Not set: editing drafts and replying in threads are off. Set ${variable} to a key with only the send scope.`, null);
    return make(role, "muted", `Not set: registering the webhook and creating mailboxes from here are off. Set ${variable} to a key with the admin scope.`, null);
  }
  if (probe.state === "invalid_key")
    return make(role, "bad", `MultiMail does not accept this key (401): it is wrong, revoked or from another account. Check ${variable}.`, probe, scopes);
  if (probe.state === "unreachable")
    return make(role, "bad", "MultiMail could not be reached to check this key. Check MULTIMAIL_API_URL and the network.", probe, scopes);
  const a = probe.abilities;

  if (role === "oversight") {
    if (a.send === true && a.list === true) {
      return make(
        role,
        "bad",
        "This key can also send: MultiMail refuses keys with both send and oversight, and the reviewers' key must never compose. Use a key with only oversight and read.",
        probe,
        scopes,
      );
    }
    if (a.send === true) {
      return make(role, "bad", "This key can send but cannot list held emails: it looks like a send key. Use a key with only oversight and read here.", probe, scopes);
    }
    if (a.list === false) return make(role, "bad", "This key cannot list held emails: it lacks the oversight scope. The queue stays empty.", probe, scopes);
    if (a.decide === false) {
      return make(
        role,
        "bad",
        "This key can list held emails but not decide them (oversight_read only): every approve and reject would be refused. Use a key with the oversight scope.",
        probe,
        scopes,
      );
    }
    if (a.list === null || a.decide === null || a.send === null) return make(role, "warn", UNCLEAR, probe, scopes);
    if (a.admin === true) {
      return make(
        role,
        "warn",
        "This key can list and decide held emails, but it also holds admin: more than reviewing needs. Prefer a key with only oversight and read.",
        probe,
        scopes,
      );
    }
    return make(role, "ok", "This key can list and decide held emails. Good.", probe, scopes);
  }

  if (role === "send") {
    if (options.sameAsOversight) {
      return make(
        role,
        "bad",
        "This is the oversight key again: MultiMail refuses keys with both send and oversight, so the send key must be a separate key.",
        probe,
        scopes,
      );
    }
    if (a.list === true || a.decide === true) {
      return make(
        role,
        "bad",
        "This key also holds oversight: MultiMail refuses keys with both send and oversight, and the key that sends must not decide. Use a key with only send and read.",
        probe,
        scopes,
      );
    }
    if (a.send === false) return make(role, "bad", "This key cannot send: it lacks the send scope, so edited drafts and replies would be refused.", probe, scopes);
    if (a.send === null || a.list === null || a.decide === null) return make(role, "warn", UNCLEAR, probe, scopes);
    if (a.admin === true) return make(role, "warn", "This key can send edited drafts and replies, but it also holds admin: more than sending needs.", probe, scopes);
    return make(role, "ok", "This key can send edited drafts and replies, and cannot decide. Good.", probe, scopes);
  }

  if (a.admin === false) return make(role, "bad", "This key lacks the admin scope: webhooks and mailboxes cannot be managed with it.", probe, scopes);
  if (a.admin === null) return make(role, "warn", UNCLEAR, probe, scopes);
  if (a.send === true || a.decide === true) {
    return make(
      role,
      "warn",
      `This key can manage webhooks and mailboxes, but it can also ${a.send ? "send" : "decide held emails"}: keep the admin key to admin and read.`,
      probe,
      scopes,
    );
  }
  return make(role, "ok", "This key can manage webhooks and mailboxes. Good.", probe, scopes);
}

/**
 * Scopes as `GET /v1/api-keys` lists them (§2.7), matched by each key's `prefix`; null when the admin
 * key is missing or cannot list keys, or the prefix does not name exactly one key.
 */
export async function listedScopes(admin: MultiMailClient | null, rawKeys: string[]): Promise<(string[] | null)[]> {
  if (!admin) return rawKeys.map(() => null);
  let keys: { prefix: string | null; scopes: string[]; isActive: boolean }[];
  try {
    keys = await admin.listApiKeys();
  } catch {
    return rawKeys.map(() => null);
  }
  return rawKeys.map((raw) => {
    const matches = keys.filter((k) => {
      const prefix = (k.prefix ?? "").replace(/(\.\.\.|…)$/, "");
      return k.isActive && prefix.length >= 8 && raw.startsWith(prefix);
    });
    return matches.length === 1 ? matches[0]!.scopes : null;
  });
}
