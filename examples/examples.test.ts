// The example agents against the real frameworks and APIs: the Node agent type-checks against the
// installed @livekit/agents, the Python files compile (livekit-agents is not installable here: their
// calls follow its 1.x API, see docs/agents.md), and the MultiMail helper's email, sent to the
// emulator, names its session in a way Countersign reads back.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSessionLink } from "@/lib/multimail/session-link";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { sendForReview, sessionTags } from "./node/multimail-send";

const examples = path.resolve("examples");

describe("the example agents compile against their frameworks", () => {
  it("type-checks the Node examples against the installed @livekit/agents", () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(examples, "tsconfig.json")], { encoding: "utf8", timeout: 120_000 });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  }, 180_000);

  it("compiles every Python example", () => {
    const files = ["python", "contact-context"].flatMap((dir) =>
      readdirSync(path.join(examples, dir))
        .filter((f) => f.endsWith(".py"))
        .map((f) => path.join(examples, dir, f)),
    );
    expect(files.map((f) => path.basename(f)).sort()).toEqual(["agent.py", "contact_context.py", "countersign_upload.py", "multimail_send.py"]);
    // Bytecode goes to a throwaway directory, not next to the sources.
    const cache = mkdtempSync(path.join(tmpdir(), "cs-pycache-"));
    try {
      const result = spawnSync("python3", ["-m", "py_compile", ...files], { encoding: "utf8", env: { ...process.env, PYTHONPYCACHEPREFIX: cache } });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe("the MultiMail helper of the Node example", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emulator = await startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 10 }), strict: true });
  });
  afterAll(async () => emulator?.close());

  const voice = {
    room_sid: "RM_example123",
    room_name: "call-example",
    job_id: "AJ_example",
    agent_name: "frontdesk",
    caller_identity: "sip_+14155550142",
    evidence_item_ids: ["item_u1", "item_u2"],
    agent_note: undefined,
    confidence: 0.7,
  };

  it("turns the session into string tags, lists comma-joined and empty values left out", () => {
    expect(sessionTags(voice)).toEqual({
      room_sid: "RM_example123",
      room_name: "call-example",
      job_id: "AJ_example",
      agent_name: "frontdesk",
      caller_identity: "sip_+14155550142",
      evidence_item_ids: "item_u1,item_u2",
      confidence: "0.7",
    });
  });

  it("sends with to[] and markdown, tags the held email, and Countersign reads the session from the tags", async () => {
    const options = {
      apiUrl: emulator.url,
      sendKey: DEMO_KEYS.send,
      mailboxId: DEMO_MAILBOXES.followups,
      to: ["maria.gonzalez@example.com"],
      subject: "Your cleaning on Tuesday",
      markdown: "Your cleaning is **Tuesday at 3:30 PM**.",
      voice,
      idempotencyKey: "AJ_example-1",
    };
    const sent = await sendForReview(options);
    expect(sent).toMatchObject({ status: "pending_scan", tagged: true });
    const email = (await (await fetch(`${emulator.url}/__emulator/emails/${sent.id}`)).json()) as Record<string, unknown>;
    expect(email).toMatchObject({ to: ["maria.gonzalez@example.com"], markdown: options.markdown, tags: sessionTags(voice) });
    expect(readSessionLink({ metadata: email.metadata, tags: email.tags })).toMatchObject({
      roomSid: "RM_example123",
      roomName: "call-example",
      jobId: "AJ_example",
      callerIdentity: "sip_+14155550142",
      evidenceItemIds: ["item_u1", "item_u2"],
      agentConfidence: 0.7,
    });
    // A retried tool call with the same key holds no second email.
    const again = await sendForReview(options);
    expect(again.id).toBe(sent.id);
  });

  it("throws MultiMail's refusal of the send (a key without the send scope)", async () => {
    await expect(
      sendForReview({
        apiUrl: emulator.url,
        sendKey: DEMO_KEYS.oversight,
        mailboxId: DEMO_MAILBOXES.followups,
        to: ["a@example.com"],
        subject: "x",
        markdown: "x",
        voice,
      }),
    ).rejects.toThrow(/→ 403/);
  });
});
