// GET /api/v1/contacts/{email}/context, called as Next calls it against a real database: agent keys
// missing, malformed, revoked and valid; an unknown contact; the compact context itself; the limit
// per key; and every read in the audit log.
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import { useDbHandle, type DbHandle } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { agentKeys, auditLog, emails, reviewItems, voiceParticipants, voiceSessions } from "@/lib/db/schema";
import { contactContextSchema } from "@/lib/inbox/build-contact-context";
import { createAgentKey, revokeAgentKey } from "@/lib/inbox/agent-keys";
import { GET } from "./route";

const MARIA = "maria.context@example.com";

function get(email: string, authorization?: string) {
  const request = new NextRequest(`http://countersign.test/api/v1/contacts/${encodeURIComponent(email)}/context`, {
    headers: authorization === undefined ? {} : { authorization },
  });
  return GET(request, { params: Promise.resolve({ email: encodeURIComponent(email) }) });
}

describe.each(dbKinds())("GET /api/v1/contacts/{email}/context on %s", (kind) => {
  let handle: DbHandle;
  let key: string;
  let revokedKey: string;

  beforeAll(async () => {
    handle = await openTestDb(kind);
    useDbHandle(handle);
    const db = handle.db;
    const call = new Date("2026-03-10T15:00:00Z");
    await db.insert(voiceSessions).values({ roomSid: "RM_ctx1", roomName: "call-ctx", startedAt: call, endedAt: new Date(call.getTime() + 90_000) });
    await db.insert(voiceParticipants).values({
      roomSid: "RM_ctx1",
      identity: "sip_maria",
      name: "Maria Gonzalez",
      kind: "SIP",
      metadata: JSON.stringify({ email: MARIA }),
      contactEmail: MARIA,
      joinedAt: call,
    });
    const [item] = await db
      .insert(reviewItems)
      .values({
        rootEmailId: "em_ctx_held",
        currentEmailId: "em_ctx_held",
        mailboxId: "mb1",
        state: "pending",
        subject: "Your cleaning",
        toAddresses: [MARIA],
        heldAt: new Date("2026-03-10T15:05:00Z"),
        roomSid: "RM_ctx1",
        callerEmail: MARIA,
      })
      .returning();
    await db.insert(emails).values([
      {
        id: "em_ctx_held",
        itemId: item!.id,
        mailboxId: "mb1",
        direction: "outbound",
        status: "pending_send_approval",
        fromAddress: "followups@acme.example",
        toAddresses: [MARIA],
        subject: "Your cleaning",
        markdown: "See you **Tuesday at 3:30 PM**. " + "Bring your insurance card. ".repeat(10),
        threadId: "th1",
        receivedAt: new Date("2026-03-10T15:05:00Z"),
      },
      {
        id: "em_ctx_in",
        mailboxId: "mb1",
        direction: "inbound",
        status: "unread",
        fromAddress: MARIA,
        toAddresses: ["followups@acme.example"],
        subject: "Re: Your cleaning",
        markdown: "",
        threadId: "th1",
        receivedAt: new Date("2026-03-10T16:00:00Z"),
      },
    ]);
    ({ key } = await createAgentKey(db, { name: "Front desk agent", createdBy: "ada@example.com" }));
    const revoked = await createAgentKey(db, { name: "Old agent", createdBy: "ada@example.com" });
    revokedKey = revoked.key;
    await revokeAgentKey(db, { keyId: revoked.row.id, by: "ada@example.com" });
  });
  afterAll(async () => {
    await handle?.close();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("refuses a request without an agent key", async () => {
    const response = await get(MARIA);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({ code: "unauthorized", message: expect.stringMatching(/Authorization: Bearer/) });
  });

  it("refuses a malformed or unknown key, and a session cookie is no substitute", async () => {
    expect((await get(MARIA, "Bearer nonsense")).status).toBe(401);
    expect((await get(MARIA, `Bearer csk_${"A".repeat(43)}`)).status).toBe(401);
    expect((await get(MARIA, `Basic ${key}`)).status).toBe(401);
  });

  it("refuses a revoked key", async () => {
    const response = await get(MARIA, `Bearer ${revokedKey}`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toBe("This agent key was revoked.");
  });

  it("answers 404 for an address Countersign has never seen, and 422 for something that is not an address", async () => {
    const unknown = await get("nobody@example.com", `Bearer ${key}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
    expect((await get("not-an-address", `Bearer ${key}`)).status).toBe(422);
  });

  it("gives a valid key the contact's recent exchanges in compact JSON, and records its use", async () => {
    const response = await get(MARIA.toUpperCase(), `Bearer ${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = contactContextSchema.parse(await response.json());
    expect(body.contact).toEqual({ email: MARIA, name: "Maria Gonzalez" });
    // The reply came after the draft was written: the open hold is stale.
    expect(body.open_holds).toEqual([{ subject: "Your cleaning", held_since: "2026-03-10T15:05:00.000Z", stale: true }]);
    expect(body.recent.map((r) => r.type)).toEqual(["email", "email", "call"]);
    expect(body.recent[0]).toMatchObject({ type: "email", direction: "inbound", subject: "Re: Your cleaning", preview: null, unread: true, outcome: "received" });
    expect(body.recent[1]).toMatchObject({ type: "email", direction: "outbound", outcome: "held" });
    const preview = (body.recent[1] as { preview: string }).preview;
    expect(preview.length).toBeLessThanOrEqual(160);
    expect(preview).toMatch(/^See you Tuesday at 3:30 PM/);
    expect(body.recent[2]).toEqual({ type: "call", at: "2026-03-10T15:00:00.000Z", ended_at: "2026-03-10T15:01:30.000Z", room_sid: "RM_ctx1" });
    expect(body.text).toMatch(/Returning contact: Maria Gonzalez <maria\.context@example\.com>\. 1 earlier call, 2 emails\./);
    expect(body.text).toMatch(/Waiting for review: “Your cleaning” \(out of date\)/);
    const [row] = await handle.db.select().from(agentKeys).where(eq(agentKeys.name, "Front desk agent"));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    expect(row?.keyHash).not.toContain(key.slice(4, 20));
  });

  it("keeps key creation and revocation in the audit log, never the key", async () => {
    const rows = await handle.db.select().from(auditLog);
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["agent_key.created", "agent_key.revoked"]));
    expect(JSON.stringify(rows)).not.toContain(key);
  });

  it("records every read in the audit log with the key and the contact, found or not", async () => {
    const { key: auditedKey, row } = await createAgentKey(handle.db, { name: "Audited agent", createdBy: "ada@example.com" });
    expect((await get(MARIA, `Bearer ${auditedKey}`)).status).toBe(200);
    expect((await get("stranger@example.com", `Bearer ${auditedKey}`)).status).toBe(404);
    const reads = await handle.db.select().from(auditLog).where(eq(auditLog.action, "agent.context_read"));
    const mine = reads.filter((r) => (r.details as { keyId?: string }).keyId === row.id);
    expect(mine.map((r) => r.details)).toEqual([
      { keyId: row.id, keyName: "Audited agent", contact: MARIA, found: true },
      { keyId: row.id, keyName: "Audited agent", contact: "stranger@example.com", found: false },
    ]);
    expect(mine[0]?.actor).toBe("agent:Audited agent");
    expect(JSON.stringify(reads)).not.toContain(auditedKey);
  });

  it("limits each key to AGENT_API_RATE_LIMIT calls a minute with a 429, Retry-After and a clear error", async () => {
    vi.stubEnv("AGENT_API_RATE_LIMIT", "3");
    resetEnvForTests();
    const { key: busyKey } = await createAgentKey(handle.db, { name: "Busy agent", createdBy: "ada@example.com" });
    const { key: calmKey } = await createAgentKey(handle.db, { name: "Calm agent", createdBy: "ada@example.com" });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get(MARIA, `Bearer ${busyKey}`)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await get(MARIA, `Bearer ${busyKey}`);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await limited.json()).error).toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/“Busy agent” made more than 3 calls this minute\. Try again in \d+ s\./),
    });
    // Refused calls read nothing, so they are not recorded as reads; another key is unaffected.
    const busyReads = (await handle.db.select().from(auditLog).where(eq(auditLog.action, "agent.context_read"))).filter(
      (r) => (r.details as { keyName?: string }).keyName === "Busy agent",
    );
    expect(busyReads).toHaveLength(3);
    expect((await get(MARIA, `Bearer ${calmKey}`)).status).toBe(200);
  });
});
