// GET /api/items/{id}/export: the evidence bundle of an email that went the whole way (held by
// MultiMail, linked to its call, edited, approved, re-sent and approved), exported by a viewer.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetAuthForTests } from "@/lib/auth/auth";
import { auditLog, reviewItems } from "@/lib/db/schema";
import type { EvidenceBundle } from "@/lib/export/evidence-bundle";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { deliverDecision } from "@/lib/review/deliver-decision";
import { editAndApprove } from "@/lib/review/edit-email";
import { reconcile } from "@/lib/review/reconcile";
import { runOutbox } from "@/lib/review/run-outbox";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { dentalCall, newRoom, segment, transcriptRequest, voiceEnv } from "@/test/livekit";
import { PUT as putTranscript } from "@/app/api/voice-sessions/[roomSid]/transcript/route";
import { GET } from "./route";
import { signedInCookie } from "@/test/sign-in";

const ORIGIN = "http://localhost:3000";
type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const DRAFT = [
  "Hi Maria,",
  "",
  "Your cleaning is booked for **Tuesday, March 17 at 3:30 PM**. Your reference is AD-4417.",
  "",
  '<script>alert("draft")</script><img src=x onerror=alert(1)>',
].join("\n");
const EDITED = DRAFT.replace("3:30 PM", "4:30 PM");

describe.each(dbKinds())("evidence export on %s", (kind) => {
  const app = setUpAppDatabase(kind, { ...voiceEnv, APP_URL: ORIGIN, UNDO_GRACE_SECONDS: "0" });
  let emulator: Emulator;
  let oversight: MultiMailClient;
  let send: MultiMailClient;
  let itemId = "";
  let rootEmailId = "";
  let viewerCookie = "";

  const control = async (path: string) => (await (await fetch(`${emulator.url}${path}`)).json()) as Record<string, unknown>;
  const multimail = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  const exportOf = (id: string, format?: string, cookie: string | null = viewerCookie) =>
    GET(new NextRequest(`${ORIGIN}/api/items/${id}/export${format ? `?format=${format}` : ""}`, { headers: cookie ? { cookie } : {} }), segment({ id }));

  beforeAll(async () => {
    resetAuthForTests();
    emulator = await startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 10 }), deliveryDelayMs: 10 });
    oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    send = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.send, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    viewerCookie = await signedInCookie(app.db, ORIGIN, "vera@example.com", "viewer");

    // The agent's side: the transcript of the call, then the held email naming its session in tags.
    const room = newRoom();
    const { upload } = dentalCall(room);
    const uploaded = await putTranscript(await transcriptRequest(room.sid, JSON.stringify(upload)), segment({ roomSid: room.sid }));
    expect(uploaded.status).toBe(201);
    const sent = await multimail("POST", `/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
      to: ["maria.gonzalez@example.com"],
      subject: "Your cleaning on Tuesday",
      markdown: DRAFT,
    });
    rootEmailId = String(sent.id);
    await multimail("PUT", `/v1/mailboxes/${DEMO_MAILBOXES.followups}/emails/${rootEmailId}/tags`, {
      tags: { room_sid: room.sid, room_name: room.name, job_id: "AJ_dental1", evidence_item_ids: "item_u1,item_a2", agent_name: "frontdesk" },
    });
    await waitFor(async () => (await control(`/__emulator/emails/${rootEmailId}`)).status === "pending_send_approval");
    await reconcile(app.db, oversight);
    const [item] = await app.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, rootEmailId));
    itemId = item!.id;

    // The reviewer's side: edit (the time), approve; the original is rejected, the revision re-sent and approved.
    const edit = await editAndApprove(app.db, {
      itemId,
      subject: "Your cleaning on Tuesday",
      markdown: EDITED,
      to: ["maria.gonzalez@example.com"],
      cc: [],
      actor: "Rita <rita@example.com>",
      confirmRecipient: true,
    });
    expect(await deliverDecision(app.db, oversight, edit.decisionId)).toBe("delivered");
    await runOutbox(app.db, { oversight, send });
    await waitFor(async () => {
      await reconcile(app.db, oversight);
      await runOutbox(app.db, { oversight, send });
      const [now] = await app.db.select().from(reviewItems).where(eq(reviewItems.id, itemId));
      return now?.state === "approved";
    }, 10_000);
    return () => resetAuthForTests();
  });
  afterAll(async () => emulator?.close());

  it("gives a viewer the whole bundle as a JSON download, and audits the export", async () => {
    const response = await exportOf(itemId, "json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="countersign-evidence-${itemId}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    const bundle = (await response.json()) as EvidenceBundle;

    expect(bundle).toMatchObject({ schema: "countersign-evidence-bundle/v1", item: { id: itemId, state: "approved", decision: "edit" } });
    // The draft and the revision with its diff.
    expect(bundle.emails[0]).toMatchObject({ id: rootEmailId, role: "original", markdown: DRAFT });
    const resent = bundle.emails.find((e) => e.role === "resent");
    expect(resent).toMatchObject({ markdown: EDITED });
    expect(bundle.multimail).toMatchObject({ rootEmailId, currentEmailId: resent!.id, mailboxId: DEMO_MAILBOXES.followups });
    expect(bundle.revisions).toHaveLength(1);
    expect(bundle.revisions[0]).toMatchObject({ number: 1, author: "Rita <rita@example.com>", resendState: "matched", resentEmailId: resent!.id });
    const body = bundle.revisions[0]!.diff.find((d) => d.field === "Body");
    expect(body?.parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(["3"]);
    expect(body?.parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["4"]);

    // The checks of the current draft, each with the turns behind it.
    expect(bundle.checks?.emailId).toBe(resent!.id);
    expect(bundle.checks?.transcriptAvailable).toBe(true);
    const reference = bundle.checks!.findings.find((f) => f.kind === "reference");
    expect(reference).toMatchObject({ text: "AD-4417", status: "supported", verdict: "supported" });
    expect(reference!.excerpt.map((t) => t.text).join(" ")).toContain("AD-4417");
    const time = bundle.checks!.findings.find((f) => /4:30/.test(f.text));
    expect(time).toMatchObject({ verdict: "problem" });
    expect(bundle.checks!.counts.problems).toBeGreaterThan(0);
    expect(bundle.session).toMatchObject({ jobId: "AJ_dental1", agentName: "frontdesk", transcriptState: "ready" });

    // Who decided what and when; the recipient the reviewer confirmed.
    expect(bundle.decisions.map((d) => [d.action, d.emailId, d.delivery])).toEqual([
      ["reject", rootEmailId, "delivered"],
      ["approve", resent!.id, "delivered"],
    ]);
    expect(bundle.decisions[0]!.actor).toBe("Rita <rita@example.com>");
    expect(bundle.confirmations.recipient).toHaveLength(1);
    expect(bundle.confirmations.recipient[0]).toMatchObject({ actor: "Rita <rita@example.com>", action: "recipient.confirmed" });
    expect(bundle.timestamps.decidedAt).toEqual(expect.any(String));

    // The export itself is in the audit log, and so in the bundle it produced.
    const exports = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.itemId, itemId), eq(auditLog.action, "evidence.exported")));
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ actor: "vera@example.com", emailId: resent!.id, details: { format: "json" } });
    expect(bundle.audit.at(-1)).toMatchObject({ action: "evidence.exported", actor: "vera@example.com" });
  });

  it("renders a printable page with every agent and customer text escaped, under a CSP without script", async () => {
    const response = await exportOf(itemId, "html");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src/);
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;draft&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toMatch(/@media print/);
    expect(html).toContain("at <del>3</del><ins>4</ins>:30 PM");
    const audited = await app.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.itemId, itemId), eq(auditLog.action, "evidence.exported")));
    expect(Number(audited[0]?.n)).toBe(2);
  });

  it("refuses an unauthenticated export, answers 404 for an unknown email and 400 for an unknown format, auditing none", async () => {
    const before = await app.db.select().from(auditLog).where(eq(auditLog.action, "evidence.exported"));
    const anonymous = await exportOf(itemId, "json", null);
    expect(anonymous.status).toBe(401);
    const unknown = await exportOf(randomUUID(), "json");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await exportOf("not-a-uuid", "html")).status).toBe(404);
    const format = await exportOf(itemId, "pdf");
    expect(format.status).toBe(400);
    const after = await app.db.select().from(auditLog).where(eq(auditLog.action, "evidence.exported"));
    expect(after).toHaveLength(before.length);
  });
});
