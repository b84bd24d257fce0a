// The example agents' helpers against the running dashboard and the MultiMail emulator: the Python
// upload helper (standard library only, run as a real python3 process), the Node one, and the Node
// send-and-tag helper, as an agent calls them; then a viewer exports the email's evidence.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { transcriptFromReport, uploadTranscript } from "../examples/node/countersign-upload";
import { sendForReview } from "../examples/node/multimail-send";
import { DEMO_KEYS, DEMO_MAILBOXES } from "../sandbox/multimail/seed";
import { E2E_INGEST } from "./fixtures/livekit";
import { E2E } from "./support/ports";
import { storageStatePath } from "./support/users";

/** A session report as `ctx.make_session_report().to_dict()` / `sessionReportToJSON()` shape it. */
function sessionReport(timestampUnit: "s" | "ms") {
  const sid = `RM_ex${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const t = Date.now() / 1000 - 60;
  return {
    job_id: `AJ_${randomUUID().replace(/-/g, "").slice(0, 10)}`,
    room_id: sid,
    room: `call-example-${sid.slice(5, 10)}`,
    timestamp: timestampUnit === "ms" ? (t + 30) * 1000 : t + 30,
    events: [],
    chat_history: {
      items: [
        { id: "item_ex1", type: "message", role: "assistant", content: ["Hello, how can I help?"], interrupted: false, created_at: t + 1, extra: {} },
        {
          id: "item_ex2",
          type: "message",
          role: "user",
          content: ["Book me for Friday at 10."],
          interrupted: false,
          transcript_confidence: 0.9,
          created_at: t + 4,
          extra: {},
        },
        { id: "item_ex3", type: "function_call", call_id: "call_ex", name: "book", arguments: "{}", created_at: t + 5 },
        { id: "item_ex4", type: "function_call_output", call_id: "call_ex", name: "book", output: '{"ok":true}', is_error: false, created_at: t + 6 },
      ],
    },
  };
}

const python = (args: string[], env: Record<string, string> = {}) =>
  spawnSync("python3", [path.resolve("examples/python/countersign_upload.py"), ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 30_000 });

test("the Python helper (standard library only) uploads a session report, idempotently, and reports a refusal", async ({ request }) => {
  const report = sessionReport("s");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cs-report-")), "report.json");
  writeFileSync(file, JSON.stringify(report));
  const env = { COUNTERSIGN_URL: E2E.appUrl, TRANSCRIPT_INGEST_KEY: E2E_INGEST.key, TRANSCRIPT_INGEST_SECRET: E2E_INGEST.secret };

  const first = python([file, "--agent-name", "py-agent", "--close-reason", "participant_disconnected"], env);
  expect(first.stderr).toBe("");
  expect(JSON.parse(first.stdout)).toMatchObject({ status: "created", roomSid: report.room_id, jobId: report.job_id, items: 4 });
  const again = python([file, "--agent-name", "py-agent", "--close-reason", "participant_disconnected"], env);
  expect(JSON.parse(again.stdout)).toMatchObject({ status: "unchanged" });

  const session = await (await request.get(`/api/voice-sessions/${report.room_id}`)).json();
  expect(session.session).toMatchObject({
    roomName: report.room,
    transcript: { state: "ready", jobs: [expect.objectContaining({ agentName: "py-agent", closeReason: "participant_disconnected" })] },
  });
  expect(session.session.transcript.entries.map((e: { kind: string }) => e.kind)).toEqual(["message", "message", "tool"]);

  const refused = python([file], { ...env, TRANSCRIPT_INGEST_SECRET: "not-the-secret-at-all-0000000000" });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/refused the transcript \(401\): The token's signature does not match the secret/);
});

test("the Node helper uploads a JS session report (timestamp in ms) and surfaces a contract error", async ({ request }) => {
  const report = sessionReport("ms");
  const body = transcriptFromReport(report, { agentName: "node-agent", startedAt: new Date(Date.now() - 60_000), closeReason: "job_shutdown" });
  expect(body.ended_at).toBeLessThan(1e11);
  const uploaded = await uploadTranscript({ dashboardUrl: E2E.appUrl, key: E2E_INGEST.key, secret: E2E_INGEST.secret, body });
  expect(uploaded).toMatchObject({ status: 201, result: { status: "created", items: 4 } });
  const session = await (await request.get(`/api/voice-sessions/${report.room_id}`)).json();
  expect(session.session.transcript.jobs[0]).toMatchObject({ agentName: "node-agent" });

  // What history.toJSON() would have sent (camelCase, ms) is refused with the fix named.
  const camel = { ...body, chat_history: { items: [{ id: "x", type: "message", role: "user", content: ["hi"], createdAt: Date.now() }] } };
  await expect(uploadTranscript({ dashboardUrl: E2E.appUrl, key: E2E_INGEST.key, secret: E2E_INGEST.secret, body: camel, attempts: 1 })).rejects.toThrow(
    /422.*sessionReportToJSON/,
  );
});

test.describe("an email sent by the Node example's helper", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("is held, linked to its call by its tags alone, checked against the transcript, and its evidence exports", async ({ page, request }, testInfo) => {
    const report = sessionReport("s");
    const body = transcriptFromReport(report, { agentName: "node-agent", startedAt: new Date(Date.now() - 60_000), closeReason: "session_end" });
    expect((await uploadTranscript({ dashboardUrl: E2E.appUrl, key: E2E_INGEST.key, secret: E2E_INGEST.secret, body })).status).toBe(201);

    const subject = `Booked for Friday ${report.room_id.slice(5)}`;
    const sent = await sendForReview({
      apiUrl: E2E.emulatorUrl,
      sendKey: DEMO_KEYS.send,
      mailboxId: DEMO_MAILBOXES.followups,
      to: ["caller@example.com"],
      subject,
      markdown: "Hi,\n\nYou're booked for **Friday at 10**.\n\n<script>window.__pwned = 1</script>",
      voice: { room_sid: report.room_id, room_name: report.room, job_id: report.job_id, agent_name: "node-agent", evidence_item_ids: ["item_ex2"] },
      idempotencyKey: `${report.job_id}-booking`,
    });
    expect(sent).toMatchObject({ status: "pending_scan", tagged: true });

    // The webhook or the reconciler brings it in; the tags alone tie it to the call.
    let itemId = "";
    await expect
      .poll(
        async () => {
          const detail = (await (await request.get(`/api/voice-sessions/${report.room_id}`)).json()) as { emails?: { itemId: string; subject: string }[] };
          itemId = detail.emails?.find((e) => e.subject === subject)?.itemId ?? "";
          return itemId;
        },
        { timeout: 20_000 },
      )
      .not.toBe("");
    const evidence = (await (await request.get(`/api/items/${itemId}/evidence`)).json()) as {
      transcriptState: string;
      citedTurnIds: string[];
      report: { findings: { text: string; status: string }[] };
    };
    expect(evidence.transcriptState).toBe("ready");
    expect(evidence.citedTurnIds).toEqual(["item_ex2"]);
    expect(evidence.report.findings.find((f) => /Friday at 10/.test(f.text))?.status).toBe("supported");

    // A viewer exports it: JSON as a download, the printable page as text only.
    const json = await request.get(`/api/items/${itemId}/export?format=json`);
    expect(json.status()).toBe(200);
    expect(json.headers()["content-disposition"]).toMatch(/^attachment; filename="countersign-evidence-/);
    expect(await json.json()).toMatchObject({ item: { id: itemId, subject }, session: { roomSid: report.room_id, transcriptState: "ready" } });

    await page.goto(`/api/items/${itemId}/export?format=html`);
    await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await expect(page.getByText("<script>window.__pwned = 1</script>").first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: testInfo.outputPath(`evidence-${width}.png`), fullPage: true });
    }
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: testInfo.outputPath("evidence-print.png"), fullPage: true });
  });
});
