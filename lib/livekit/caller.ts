// Who called: the non-agent participant (livekit.md §4), and the contact details LiveKit holds for
// them — participant metadata (opaque, JSON in practice, PII) and attributes such as sip.phoneNumber.
// Everything here is untrusted input and parsed defensively; nothing throws.
import { z } from "zod";

export interface ParticipantLike {
  identity: string;
  name: string | null;
  kind: string;
  metadata: string | null;
  attributes: Record<string, string>;
  joinedAt: Date | null;
}

export interface CallerContact {
  identity: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

const NOT_CALLERS = new Set(["AGENT", "EGRESS", "INGRESS", "CONNECTOR", "BRIDGE"]);
const PREFERENCE: Record<string, number> = { SIP: 0, STANDARD: 1 };

/** Participant metadata as a JSON object when it is one, else the raw string (or null when empty). */
export function parseParticipantMetadata(raw: string | null | undefined): Record<string, unknown> | string | null {
  const text = raw?.trim();
  if (!text) return null;
  if (text.startsWith("{")) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON after all: shown as text
    }
  }
  return text;
}

/** Whether a participant can be the caller: not an agent, recorder or bridge. */
export function mayBeCaller(p: Pick<ParticipantLike, "kind" | "identity">): boolean {
  return !NOT_CALLERS.has(p.kind.toUpperCase()) && !p.identity.startsWith("agent-");
}

/** The caller: not an agent, recorder or bridge; a SIP (phone) participant before a browser one, earliest first. */
export function pickCaller<T extends ParticipantLike>(participants: readonly T[]): T | null {
  const candidates = participants.filter(mayBeCaller);
  candidates.sort((a, b) => {
    const byKind = (PREFERENCE[a.kind.toUpperCase()] ?? 2) - (PREFERENCE[b.kind.toUpperCase()] ?? 2);
    if (byKind !== 0) return byKind;
    return (a.joinedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.joinedAt?.getTime() ?? Number.MAX_SAFE_INTEGER);
  });
  return candidates[0] ?? null;
}

const emailSchema = z.email();
const EMAIL_KEYS = ["email", "caller_email", "callerEmail", "email_address", "emailAddress", "contact_email", "contactEmail"];
const PHONE_KEYS = ["phone", "phone_number", "phoneNumber", "caller_phone", "callerPhone"];
const NAME_KEYS = ["name", "caller_name", "callerName", "full_name", "fullName", "display_name", "displayName"];
const NESTED = ["caller", "contact", "customer", "user"];
const EMAIL_ATTRIBUTES = ["email", "caller.email", "caller_email", "callerEmail", "user.email", "contact.email"];
const PHONE_ATTRIBUTES = ["sip.phoneNumber", "phone", "caller.phone", "phone_number"];

function firstString(source: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}

function fromMetadata(metadata: Record<string, unknown> | string | null, keys: string[]): string | null {
  if (!metadata || typeof metadata === "string") return null;
  const direct = firstString(metadata, keys);
  if (direct) return direct;
  for (const key of NESTED) {
    const nested = metadata[key];
    if (nested && typeof nested === "object" && !Array.isArray(nested)) {
      const found = firstString(nested as Record<string, unknown>, keys);
      if (found) return found;
    }
  }
  return null;
}

function validEmail(value: string | null): string | null {
  const trimmed =
    value
      ?.trim()
      .replace(/^mailto:/i, "")
      .toLowerCase() ?? "";
  return trimmed && emailSchema.safeParse(trimmed).success ? trimmed : null;
}

/** The caller's email, phone and name from metadata (JSON, or a bare address) and attributes. */
export function callerContact(participant: ParticipantLike): CallerContact {
  const metadata = parseParticipantMetadata(participant.metadata);
  const attributes = participant.attributes ?? {};
  const email =
    validEmail(fromMetadata(metadata, EMAIL_KEYS)) ??
    validEmail(firstString(attributes, EMAIL_ATTRIBUTES)) ??
    (typeof metadata === "string" ? validEmail(metadata) : null);
  const phone = firstString(attributes, PHONE_ATTRIBUTES) ?? fromMetadata(metadata, PHONE_KEYS);
  const name = participant.name?.trim() || fromMetadata(metadata, NAME_KEYS);
  return { identity: participant.identity, name: name || null, email, phone };
}
