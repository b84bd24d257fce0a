// Emails and sessions meeting in the store: rooms named twice, tags that arrive late, the queue's
// findings filter and per-row status, and the server side of the recipient gate.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { signLiveKitBody } from "@/sandbox/livekit/webhooks";
import { signUpload } from "@/examples/node/countersign-upload";
import { auditLog, reviewItems } from "@/lib/db/schema";
import { applyEmail } from "@/lib/review/apply-email";
import { listQueue } from "@/lib/review/data";
import { queueFiltersSchema } from "@/lib/review/schemas";
import { liveKitEvent, roomInfo } from "@/sandbox/livekit/webhooks";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { dentalCall, heldEmail, LIVEKIT_KEYS, newRoom, voiceEnv } from "@/test/livekit";
import { decideEmail } from "@/lib/review/decide-email";
import { CHANNEL } from "@/lib/realtime/events";
import { getSessionDetail } from "./data";
import { countFindings, evaluateItem } from "./item-evidence";
import { ingestLiveKitWebhook } from "./ingest-livekit-webhook";
import { ingestTranscript } from "./ingest-transcript";

describe.each(dbKinds())("sessions and emails on %s", (kind) => {
  const app = setUpAppDatabase(kind, voiceEnv);

  const webhook = async (event: object) => {
    const rawBody = JSON.stringify(event);
    return ingestLiveKitWebhook(app.db, { rawBody, authorization: `Bearer ${await signLiveKitBody(rawBody, LIVEKIT_KEYS)}`, ...LIVEKIT_KEYS, toleranceSeconds: 300 });
  };
  const upload = async (body: object) => {
    const raw = JSON.stringify(body);
    return ingestTranscript(app.db, {
      roomSid: (body as { room_sid: string }).room_sid,
      rawBody: raw,
      authorization: await signUpload(raw, voiceEnv.TRANSCRIPT_INGEST_KEY, voiceEnv.TRANSCRIPT_INGEST_SECRET),
      key: voiceEnv.TRANSCRIPT_INGEST_KEY,
      secret: voiceEnv.TRANSCRIPT_INGEST_SECRET,
    });
  };
  const held = async (...args: Parameters<typeof heldEmail>) => {
    const outcome = await applyEmail(app.db, "mbx_link", heldEmail(...args));
    if (outcome.kind === "ignored") throw new Error("not held");
    return outcome.itemId;
  };
  const itemOf = async (id: string) => (await app.db.select().from(reviewItems).where(eq(reviewItems.id, id)))[0]!;

  it("links an email naming a reused room name to the room that was running when it was held", async () => {
    const name = `call-reused-${Date.now()}`;
    const old = newRoom(name);
    const current = newRoom(name);
    await webhook(liveKitEvent("room_started", { room: roomInfo({ ...old, createdAt: new Date(Date.now() - 3 * 86_400_000) }) }));
    await webhook(liveKitEvent("room_started", { room: roomInfo({ ...current, createdAt: new Date(Date.now() - 60_000) }) }));
    const id = await held({ metadata: { session_id: name } });
    expect((await itemOf(id)).roomSid).toBe(current.sid);
  });

  it("links an email whose tags name the session only on a later sync", async () => {
    const room = newRoom();
    await webhook(dentalCall(room).events.callerJoined);
    const email = heldEmail();
    await applyEmail(app.db, "mbx_link", email);
    const [before] = await app.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, email.id));
    expect(before?.roomSid).toBeNull();
    const caller = `Quartermaine${Date.now()}`;
    expect((await listQueue(app.db, queueFiltersSchema.parse({ q: caller }), true)).rows).toEqual([]);
    await applyEmail(app.db, "mbx_link", { ...email, tags: { room_sid: room.sid, job_id: "AJ_dental1", caller_name: `Zeb ${caller}` } });
    expect(await itemOf(before!.id)).toMatchObject({ roomSid: room.sid, jobId: "AJ_dental1", callerName: `Zeb ${caller}` });
    // The caller named late is searchable like one named at once.
    expect((await listQueue(app.db, queueFiltersSchema.parse({ q: caller }), true)).rows.map((r) => r.id)).toEqual([before!.id]);
  });

  it("lists only emails with findings when asked, and says per row what is known of the session", async () => {
    const good = newRoom();
    const bad = newRoom();
    for (const room of [good, bad]) {
      const call = dentalCall(room);
      await webhook(call.events.callerJoined);
      await upload(call.upload);
    }
    const tag = `q-${Date.now()}`;
    const fine = await held({ subject: `Booked ${tag}`, metadata: { room_sid: good.sid, job_id: "AJ_dental1" } });
    const wrong = await held({ subject: `Booked wrong ${tag}`, to: ["someone.else@example.com"], metadata: { room_sid: bad.sid, job_id: "AJ_dental1" } });
    const orphan = await held({ subject: `No session ${tag}`, metadata: { session_id: "call-never-heard-of" } });
    const queue = async (filters: Record<string, string>) => listQueue(app.db, queueFiltersSchema.parse({ q: tag, ...filters }), true);

    const all = await queue({});
    const byId = new Map(all.rows.map((r) => [r.id, r]));
    expect(byId.get(fine)?.voice).toEqual({ roomSid: good.sid, session: true, transcript: "ready", findings: 0 });
    expect(byId.get(wrong)?.voice).toMatchObject({ session: true, transcript: "ready", findings: 1 });
    expect(byId.get(orphan)?.voice).toMatchObject({ roomSid: null, session: false, transcript: "pending" });

    const withFindings = await queue({ findings: "with" });
    expect(withFindings.rows.map((r) => r.id).sort()).toEqual([wrong, orphan].sort());
  });

  it("refuses to approve a mismatched recipient unless confirmed, and audits the confirmation", async () => {
    const room = newRoom();
    await webhook(dentalCall(room).events.callerJoined);
    const wrong = await held({ to: ["maria.gonzales@example.com"], metadata: { room_sid: room.sid } });
    const approve = (itemId: string, confirmRecipient?: boolean) => decideEmail(app.db, { itemId, action: "approve", actor: "ada@example.com", confirmRecipient });
    await expect(approve(wrong)).rejects.toMatchObject({ code: "validation", message: expect.stringMatching(/Confirm the recipient.*maria\.gonzales@example\.com/) });
    // The refusal leaves no trace; the confirmation is audited with the decision it belongs to.
    await approve(wrong, true);
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.itemId, wrong));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["email.held", "multimail"],
      ["recipient.confirmed", "ada@example.com"],
      ["decision.recorded", "ada@example.com"],
    ]);

    const right = await held({ metadata: { room_sid: room.sid } });
    await expect(approve(right)).resolves.toMatchObject({ decisionId: expect.any(String) });
    // No session at all: the recipient cannot be checked, so it is confirmed explicitly too.
    const unknown = await held({ metadata: null });
    await expect(approve(unknown)).rejects.toMatchObject({ code: "validation" });
  });

  it("fails safe when the evidence checks themselves throw: the recipient must be confirmed", async () => {
    const engine = await import("@/lib/evidence/check-draft");
    const spy = vi.spyOn(engine, "checkDraft").mockImplementation(() => {
      throw new Error("engine bug");
    });
    try {
      const id = await held({ metadata: null });
      expect((await itemOf(id)).findingsCount).toBe(1);
      await expect(decideEmail(app.db, { itemId: id, action: "approve", actor: "ada@example.com" })).rejects.toMatchObject({
        message: expect.stringMatching(/evidence checks failed/),
      });
      await expect(decideEmail(app.db, { itemId: id, action: "approve", actor: "ada@example.com", confirmRecipient: true })).resolves.toMatchObject({
        decisionId: expect.any(String),
      });
    } finally {
      spy.mockRestore();
    }
  });

  it("announces a newly held email once, already linked to its call and checked", async () => {
    const room = newRoom();
    const call = dentalCall(room);
    await webhook(call.events.callerJoined);
    await upload(call.upload);
    const events: { type: string; itemId?: string }[] = [];
    const unlisten = await app.handle.listen(CHANNEL, (payload) => events.push(JSON.parse(payload) as { type: string; itemId?: string }));
    try {
      // Sent to someone the caller never named: a problem the queue must show from the first sight.
      const id = await held({ to: ["someone.else@example.com"], metadata: { room_sid: room.sid, job_id: "AJ_dental1" } });
      await expect.poll(() => events.filter((e) => e.itemId === id).length).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 100)); // time for a second event, if one were sent
      expect(events.filter((e) => e.itemId === id).map((e) => e.type)).toEqual(["item.created"]);
      const item = await itemOf(id);
      expect(item).toMatchObject({ roomSid: room.sid, jobId: "AJ_dental1" });
      expect(item.findingsCount).toBeGreaterThan(0);
    } finally {
      await unlisten();
    }
  });

  // PGlite runs one transaction at a time; only PostgreSQL lets the two overlap.
  it.skipIf(kind !== "postgres")("checks an email held while its room's transcript is being stored against that transcript", async () => {
    const room = newRoom();
    const call = dentalCall(room);
    await webhook(call.events.callerJoined);
    const metadata = { room_sid: room.sid, job_id: "AJ_dental1" };
    // Without the transcript the same draft has problems (its date, time and reference are not on record).
    const unheard = await held({ metadata: { room_sid: newRoom().sid, job_id: "AJ_dental1" } });
    expect((await itemOf(unheard)).findingsCount).toBeGreaterThan(0);

    // The upload's transaction has stored the transcript and re-checked the room's emails, and waits to commit.
    let stored!: () => void;
    const reached = new Promise<void>((resolve) => (stored = resolve));
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    const pausedBeforeCommit = new Proxy(app.db, {
      get(target, property, receiver) {
        if (property !== "transaction") return Reflect.get(target, property, receiver);
        return (work: (tx: typeof app.db) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            const result = await work(tx);
            stored();
            await committing;
            return result;
          });
      },
    });
    const raw = JSON.stringify(call.upload);
    const uploading = ingestTranscript(pausedBeforeCommit, {
      roomSid: room.sid,
      rawBody: raw,
      authorization: await signUpload(raw, voiceEnv.TRANSCRIPT_INGEST_KEY, voiceEnv.TRANSCRIPT_INGEST_SECRET),
      key: voiceEnv.TRANSCRIPT_INGEST_KEY,
      secret: voiceEnv.TRANSCRIPT_INGEST_SECRET,
    });
    await reached;
    let applied = false;
    const applying = applyEmail(app.db, "mbx_link", heldEmail({ metadata })).then((outcome) => {
      applied = true;
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The email waits for the room: checked now, it would be checked against no transcript, and the
    // upload, which cannot see the uncommitted email, would never check it again.
    expect(applied).toBe(false);
    commit();
    await uploading;
    const outcome = await applying;
    if (outcome.kind !== "held") throw new Error("not held");
    expect((await itemOf(outcome.itemId)).findingsCount).toBe(0);
  });

  it.skipIf(kind !== "postgres")("ties calls and their emails arriving all at once without a deadlock, each email checked against its whole call", async () => {
    const calls = Array.from({ length: 12 }, () => {
      const room = newRoom();
      return {
        room,
        call: dentalCall(room),
        bySid: heldEmail({ metadata: { room_sid: room.sid, job_id: "AJ_dental1" } }),
        byName: heldEmail({ metadata: { room: room.name } }),
      };
    });
    const work = calls.flatMap(({ room, call, bySid, byName }) => [
      () => webhook(call.events.roomStarted),
      () => webhook(call.events.callerJoined),
      () => webhook(call.events.roomFinished),
      () => upload(call.upload),
      () => applyEmail(app.db, "mbx_link", bySid),
      () => applyEmail(app.db, "mbx_link", byName),
      // The same email again, its tags now naming the room: the sync after an item exists.
      () => applyEmail(app.db, "mbx_link", { ...byName, tags: { room_sid: room.sid } }),
    ]);
    const results = await Promise.allSettled(work.sort(() => Math.random() - 0.5).map((run) => run()));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    for (const { room, bySid, byName } of calls) {
      for (const email of [bySid, byName]) {
        const [item] = await app.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, email.id));
        expect(item?.roomSid).toBe(room.sid);
        const now = await evaluateItem(app.db, item!.id);
        expect(now?.bundle?.transcripts).toHaveLength(1);
        expect(item!.findingsCount).toBe(countFindings(now!.report));
      }
    }
  });

  it("shows a session page's emails with their state and findings", async () => {
    const room = newRoom();
    const call = dentalCall(room);
    for (const event of Object.values(call.events)) await webhook(event);
    await upload(call.upload);
    const id = await held({ metadata: { room_sid: room.sid, job_id: "AJ_dental1" } });
    const detail = await getSessionDetail(app.db, room.sid);
    expect(detail?.emails).toEqual([expect.objectContaining({ itemId: id, state: "pending", findingsCount: 0 })]);
    expect(detail?.session).toMatchObject({ finished: true, endReason: "ROOM_END_IDLE_TIMEOUT", caller: { email: "maria.gonzalez@example.com" } });
    expect(detail?.session.participants.map((p) => [p.identity, p.isCaller])).toEqual([
      ["agent-AJ_dental1", false],
      ["sip_+14155550142", true],
    ]);
    expect(detail?.session.transcript.entries.map((e) => e.kind)).toEqual(["message", "message", "tool", "message", "message"]);
    expect(await getSessionDetail(app.db, "RM_nothing")).toBeNull();
    expect(await getSessionDetail(app.db, "not-a-sid")).toBeNull();
  });
});
