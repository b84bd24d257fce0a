// The Node example against the real route handler (no server): a known caller's context, an
// unknown caller, and a revoked key.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/contacts/[email]/context/route";
import { useDbHandle, type DbHandle } from "@/lib/db/client";
import { emails, voiceParticipants, voiceSessions } from "@/lib/db/schema";
import { createAgentKey, revokeAgentKey } from "@/lib/inbox/agent-keys";
import { openTestDb } from "@/test/db";
import { fetchContactContext, withContactContext } from "./contact-context";

/** fetch, answered by the route handler itself. */
const routeFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const email = url.pathname.split("/")[4] ?? "";
  return GET(new NextRequest(url, { headers: init?.headers }), { params: Promise.resolve({ email }) });
};

describe("examples/contact-context (Node)", () => {
  let handle: DbHandle;
  let key: string;

  beforeAll(async () => {
    handle = await openTestDb("pglite");
    useDbHandle(handle);
    const at = new Date("2026-04-01T09:00:00Z");
    await handle.db.insert(voiceSessions).values({ roomSid: "RM_example1", roomName: "call-tom", startedAt: at });
    await handle.db.insert(voiceParticipants).values({
      roomSid: "RM_example1",
      identity: "sip_tom",
      name: "Tom Becker",
      kind: "SIP",
      metadata: JSON.stringify({ email: "tom.becker@example.org" }),
      contactEmail: "tom.becker@example.org",
      joinedAt: at,
    });
    await handle.db.insert(emails).values({
      id: "em_example1",
      mailboxId: "mb1",
      direction: "outbound",
      status: "approved_and_sent",
      fromAddress: "followups@acme.example",
      toAddresses: ["tom.becker@example.org"],
      subject: "Your table for 4",
      markdown: "See you **Saturday at 7 PM**.",
      receivedAt: new Date("2026-04-01T09:05:00Z"),
      deliveredAt: new Date("2026-04-01T09:20:00Z"),
    });
    ({ key } = await createAgentKey(handle.db, { name: "example", createdBy: "test" }));
  });
  afterAll(async () => {
    await handle?.close();
  });

  const options = () => ({ countersignUrl: "http://countersign.test/", agentKey: key, fetch: routeFetch });

  it("fetches a returning caller's context and adds it to the agent's instructions", async () => {
    const context = await fetchContactContext(" Tom.Becker@example.org ", options());
    expect(context?.contact).toEqual({ email: "tom.becker@example.org", name: "Tom Becker" });
    expect(context?.recent[0]).toMatchObject({ type: "email", outcome: "delivered", subject: "Your table for 4" });
    const instructions = withContactContext("You are the front desk.", context);
    expect(instructions).toMatch(/^You are the front desk\.\n\nWhat we know about this caller/);
    expect(instructions).toContain("we emailed “Your table for 4” (delivered)");
  });

  it("answers null for a caller Countersign has never seen, and throws for a revoked key", async () => {
    expect(await fetchContactContext("new.caller@example.org", options())).toBeNull();
    expect(withContactContext("You are the front desk.", null)).toBe("You are the front desk.");
    const revoked = await createAgentKey(handle.db, { name: "old", createdBy: "test" });
    await revokeAgentKey(handle.db, { keyId: revoked.row.id, by: "test" });
    await expect(fetchContactContext("tom.becker@example.org", { ...options(), agentKey: revoked.key })).rejects.toThrow("Countersign 401: This agent key was revoked.");
  });
});
