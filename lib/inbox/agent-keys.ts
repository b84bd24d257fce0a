// Agent API keys: an admin creates one per agent (shown once), can revoke it, and the agent sends it
// as a Bearer token to GET /api/v1/contacts/{email}/context. Only a SHA-256 of each key is stored;
// a presented key is found by its prefix and compared by hash in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { agentKeys } from "@/lib/db/schema";
import { recordAuthEvent } from "@/lib/auth/record-auth-event";
import { AppError } from "@/lib/errors";
import type { AgentKeyRow } from "./schemas";

const KEY_PREFIX = "csk_";
/** `csk_` and 8 characters: enough to tell keys apart in a list, far too little to guess the rest. */
const SHOWN_LENGTH = KEY_PREFIX.length + 8;
const keyShape = /^csk_[A-Za-z0-9_-]{40,60}$/;

const sha256 = (value: string) => createHash("sha256").update(value).digest();

export async function createAgentKey(db: Db, input: { name: string; createdBy: string }): Promise<{ key: string; row: AgentKeyRow }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(agentKeys)
    .values({ name: input.name, prefix: key.slice(0, SHOWN_LENGTH), keyHash: sha256(key).toString("hex"), createdBy: input.createdBy })
    .returning();
  await recordAuthEvent(db, { action: "agent_key.created", actor: input.createdBy, details: { keyId: row!.id, name: input.name, prefix: row!.prefix } });
  return { key, row: toRow(row!) };
}

function toRow(r: typeof agentKeys.$inferSelect): AgentKeyRow {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  };
}

export async function listAgentKeys(db: Db): Promise<AgentKeyRow[]> {
  const rows = await db.select().from(agentKeys).orderBy(desc(agentKeys.createdAt));
  return rows.map(toRow);
}

export async function revokeAgentKey(db: Db, input: { keyId: string; by: string }): Promise<void> {
  const [revoked] = await db
    .update(agentKeys)
    .set({ revokedAt: new Date(), revokedBy: input.by })
    .where(and(eq(agentKeys.id, input.keyId), isNull(agentKeys.revokedAt)))
    .returning({ id: agentKeys.id, name: agentKeys.name, prefix: agentKeys.prefix });
  if (!revoked) throw new AppError("not_found", "No active agent key with this id.");
  await recordAuthEvent(db, { action: "agent_key.revoked", actor: input.by, details: { keyId: revoked.id, name: revoked.name, prefix: revoked.prefix } });
}

/** `Authorization: Bearer csk_…` → the key's id and name, or an unauthorized error. */
export async function verifyAgentKey(db: Db, authorization: string | null): Promise<{ id: string; name: string }> {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!presented) throw new AppError("unauthorized", "Send an agent key as Authorization: Bearer csk_… (an admin creates one in Settings).");
  if (!keyShape.test(presented)) throw new AppError("unauthorized", "This agent key is not valid.");
  const digest = sha256(presented);
  const candidates = await db
    .select()
    .from(agentKeys)
    .where(eq(agentKeys.prefix, presented.slice(0, SHOWN_LENGTH)));
  const match = candidates.find((c) => {
    const stored = Buffer.from(c.keyHash, "hex");
    return stored.length === digest.length && timingSafeEqual(stored, digest);
  });
  if (!match) throw new AppError("unauthorized", "This agent key is not valid.");
  if (match.revokedAt) throw new AppError("unauthorized", "This agent key was revoked.");
  await db.update(agentKeys).set({ lastUsedAt: new Date() }).where(eq(agentKeys.id, match.id));
  return { id: match.id, name: match.name };
}
