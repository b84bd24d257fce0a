// POST /api/items/{id}/decision: what the review page sends for approve and reject. The lifecycle's
// gates answer through it with their details (a recipient the call does not confirm), a second
// decision is a conflict, and bad input is a clear 4xx that decides nothing.
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetAuthForTests } from "@/lib/auth/auth";
import { decisions, reviewItems } from "@/lib/db/schema";
import { createMultiMailClient } from "@/lib/multimail/client";
import { reconcile } from "@/lib/review/reconcile";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { dentalCall, newRoom, segment, transcriptRequest, voiceEnv } from "@/test/livekit";
import { PUT as putTranscript } from "@/app/api/voice-sessions/[roomSid]/transcript/route";
import { POST } from "./route";
import { signedInCookie } from "@/test/sign-in";

const ORIGIN = "http://localhost:3000";

describe.each(dbKinds())("the decision route on %s", (kind) => {
  // Decisions wait in the outbox for the undo period: nothing here goes to MultiMail.
  const app = setUpAppDatabase(kind, { ...voiceEnv, APP_URL: ORIGIN, UNDO_GRACE_SECONDS: "30" });
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let reviewer = "";
  let viewer = "";
  const held: { itemId: string; emailId: string }[] = [];

  const post = (id: string, body: unknown, cookie: string | null = reviewer) =>
    POST(
      new NextRequest(`${ORIGIN}/api/items/${id}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      segment({ id }),
    );

  async function hold(to: string) {
    const response = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
      body: JSON.stringify({ to: [to], subject: `Your cleaning ${held.length}`, markdown: "See you **Tuesday at 3:30 PM**." }),
    });
    return String(((await response.json()) as { id: string }).id);
  }

  beforeAll(async () => {
    resetAuthForTests();
    emulator = await startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 10 }), deliveryDelayMs: 10 });
    reviewer = await signedInCookie(app.db, ORIGIN, "rita@example.com", "reviewer");
    viewer = await signedInCookie(app.db, ORIGIN, "vera@example.com", "viewer");
    // Two held drafts of one call.
    const room = newRoom();
    const { upload } = dentalCall(room);
    expect((await putTranscript(await transcriptRequest(room.sid, JSON.stringify(upload)), segment({ roomSid: room.sid }))).status).toBe(201);
    const ids = [await hold("maria.gonzalez@example.com"), await hold("someone.else@example.net")];
    for (const id of ids)
      await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/emails/${id}/tags`, {
        method: "PUT",
        headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
        body: JSON.stringify({ tags: { room_sid: room.sid, room_name: room.name, job_id: "AJ_dental1" } }),
      });
    const oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    for (let i = 0; i < 200 && held.length < ids.length; i++) {
      await new Promise((r) => setTimeout(r, 25));
      await reconcile(app.db, oversight);
      held.length = 0;
      for (const id of ids) {
        const [item] = await app.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, id));
        if (item) held.push({ itemId: item.id, emailId: id });
      }
    }
    expect(held).toHaveLength(2);
    return () => resetAuthForTests();
  });
  afterAll(async () => emulator?.close());

  const decisionsOf = async (itemId: string) => app.db.select().from(decisions).where(eq(decisions.itemId, itemId));

  it("refuses a caller who is not signed in, and a viewer, before reading the body", async () => {
    const [first] = held;
    expect((await post(first!.itemId, { action: "approve", emailId: first!.emailId }, null)).status).toBe(401);
    const asViewer = await post(first!.itemId, { action: "approve", emailId: first!.emailId }, viewer);
    expect(asViewer.status).toBe(403);
    expect(await decisionsOf(first!.itemId)).toHaveLength(0);
  });

  it("answers bad input with a clear 4xx and decides nothing", async () => {
    const [first] = held;
    const cases: [string, unknown, number][] = [
      ["not-an-id", { action: "approve", emailId: "x" }, 404],
      ["00000000-0000-4000-8000-000000000000", { action: "approve", emailId: "x" }, 404],
      [first!.itemId, "{not json", 400],
      [first!.itemId, { action: "send", emailId: first!.emailId }, 422],
      [first!.itemId, { action: "approve" }, 422],
      [first!.itemId, { action: "reject", emailId: first!.emailId, reason: "   " }, 422],
      [first!.itemId, { action: "approve", emailId: first!.emailId, confirmRecipient: "yes" }, 422],
      [first!.itemId, { action: "reject", emailId: first!.emailId, reason: "x".repeat(20_000) }, 413],
    ];
    for (const [id, body, status] of cases) {
      const response = await post(id, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(answer.error.message).toBeTruthy();
      expect(JSON.stringify(answer)).not.toContain("at ");
    }
    expect(await decisionsOf(first!.itemId)).toHaveLength(0);
  });

  it("approves, with the undo period in the answer; a second decision is a conflict", async () => {
    const [first] = held;
    // The call here is a transcript only (no participant webhooks): the reviewer confirms the recipient.
    const response = await post(first!.itemId, { action: "approve", emailId: first!.emailId, confirmRecipient: true });
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as { delivery: string; undoUntil: string };
    expect(outcome.delivery).toBe("scheduled");
    expect(Date.parse(outcome.undoUntil) - Date.now()).toBeGreaterThan(20_000);
    const again = await post(first!.itemId, { action: "reject", emailId: first!.emailId, reason: "Wrong recipient" });
    expect(again.status).toBe(409);
    expect(await decisionsOf(first!.itemId)).toHaveLength(1);
  });

  it("passes the recipient gate's question on, and rejects with the reviewer named", async () => {
    const [, second] = held;
    const refused = await post(second!.itemId, { action: "approve", emailId: second!.emailId });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { details?: Record<string, unknown> } }).error.details).toEqual({ needsRecipientConfirmation: true });
    expect(await decisionsOf(second!.itemId)).toHaveLength(0);

    const rejected = await post(second!.itemId, { action: "reject", emailId: second!.emailId, reason: "Wrong recipient" });
    expect(rejected.status).toBe(200);
    const [decision] = await decisionsOf(second!.itemId);
    expect(decision).toMatchObject({ action: "reject", reason: "Wrong recipient (rejected by rita@example.com in Countersign)" });
  });
});
