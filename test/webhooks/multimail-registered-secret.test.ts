// Settings → MultiMail → Webhook against the MultiMail emulator and a real database: POST /v1/webhooks
// through the operator approval code (202 → code → 201, wrong code, missing scope), the whsec_ secret
// stored encrypted, this route verifying with it (the environment's secret still wins), and the
// connection check reading it all back.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkMultiMail } from "@/lib/connect/check-multimail";
import { recordJobRun } from "@/lib/connect/job-runs";
import { WEBHOOK_EVENTS } from "@/lib/connect/schemas";
import { clearWebhookSecretCache, lastRejectedWebhook, resolveWebhookSecret } from "@/lib/connect/webhook-secret";
import { deleteWebhook, listWebhooks, registerWebhook } from "@/lib/connect/webhooks";
import { settings } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { useMultiMailClients } from "@/lib/multimail/connection";
import { signWebhookBody } from "@/lib/multimail/signature";
import { K, refusal, SECRETS_KEY, startConnectEmulator } from "@/test/connect-emulator";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import multimailWebhook from "@/pages/api/webhooks/multimail";
import { serveMachineRoute } from "@/test/machine-route";

const world = startConnectEmulator();
const { client, operatorCode } = world;

describe.each(dbKinds())("webhook registration and the verifier on %s", (kind) => {
  const app = setUpAppDatabase(kind, { SECRETS_KEY, APP_URL: "http://127.0.0.1:3999", WEBHOOK_MAX_BYTES: "4096" });
  beforeAll(() => useMultiMailClients(null));
  beforeEach(() => clearWebhookSecretCache());
  afterAll(() => useMultiMailClients(null));

  const send = serveMachineRoute(multimailWebhook);
  const post = (body: string, signature: string | null) =>
    send({ body, headers: { "content-type": "application/json", ...(signature ? { "x-multimail-signature": signature } : {}) } });

  it("refuses to start without SECRETS_KEY, asking MultiMail nothing", async () => {
    vi.stubEnv("SECRETS_KEY", "");
    resetEnvForTests();
    try {
      const before = (await world.emu.control<{ requests: unknown[] }>("/requests")).requests.length;
      const error = await refusal(registerWebhook(app.db, client(K.admin), {}, "ada@example.com"));
      expect(error.code).toBe("not_configured");
      expect(error.message).toContain("SECRETS_KEY is not set");
      expect((await world.emu.control<{ requests: unknown[] }>("/requests")).requests.length).toBe(before);
    } finally {
      vi.stubEnv("SECRETS_KEY", SECRETS_KEY);
      resetEnvForTests();
    }
  });

  it("403 when the key lacks admin", async () => {
    const error = await refusal(registerWebhook(app.db, client(K.oversight), {}, "ada@example.com"));
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain("API key lacks required scope: admin");
  });

  it("202 → code → 201, the secret stored encrypted and used by the verifier; env wins when set", async () => {
    const admin = client(K.admin);
    // No secret anywhere yet: the route says how to get one.
    expect((await post("{}", "sha256=00")).status).toBe(503);

    const first = await registerWebhook(app.db, admin, {}, "ada@example.com");
    expect(first).toMatchObject({ step: "code_sent", message: expect.stringContaining("approval code was sent to the operator") });

    const wrong = await refusal(registerWebhook(app.db, admin, { approvalCode: "AAA-AAA" }, "ada@example.com"));
    expect(wrong.code).toBe("forbidden");
    expect(wrong.message).toContain("Invalid or expired approval code");

    const done = await registerWebhook(app.db, admin, { approvalCode: await operatorCode("create_webhook") }, "ada@example.com");
    expect(done).toMatchObject({ step: "done", url: "http://127.0.0.1:3999/api/webhooks/multimail", secretInEnv: false });

    const { subscriptions } = await world.emu.control<{ subscriptions: { id: string; url: string; events: string[]; signing_secret: string }[] }>("/state");
    const sub = subscriptions.find((s) => done.step === "done" && s.id === done.id)!;
    expect(sub.url).toBe("http://127.0.0.1:3999/api/webhooks/multimail");
    expect([...sub.events].sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(sub.signing_secret.startsWith("whsec_")).toBe(true);

    // At rest: sealed, never the secret itself.
    const [row] = await app.db.select().from(settings).where(eq(settings.key, "multimail.webhook"));
    expect(row?.value).not.toContain(sub.signing_secret);
    expect(row?.value).not.toContain(sub.signing_secret.slice(6));
    expect(await resolveWebhookSecret(app.db)).toEqual({ secret: sub.signing_secret, source: "stored" });

    const body = JSON.stringify({ event: "message.delivered", timestamp: new Date().toISOString(), data: { email_id: "em_connect_1" } });
    const good = await post(body, signWebhookBody(body, sub.signing_secret));
    expect(good.status).toBe(200);
    const forged = await post(body, signWebhookBody(body, "whsec_not_the_secret"));
    expect(forged.status).toBe(401);
    expect(await lastRejectedWebhook(app.db)).toMatchObject({ reason: "The signature does not match the body." });

    const status = await checkMultiMail(app.db);
    expect(status.webhook).toMatchObject({ secretSource: "stored", registered: { id: sub.id }, lastReceived: { eventType: "message.delivered" } });

    // MULTIMAIL_WEBHOOK_SECRET wins over the stored secret.
    vi.stubEnv("MULTIMAIL_WEBHOOK_SECRET", "whsec_from_env");
    resetEnvForTests();
    try {
      const other = JSON.stringify({ event: "message.delivered", data: { email_id: "em_connect_2" } });
      expect((await post(other, signWebhookBody(other, sub.signing_secret))).status).toBe(401);
      expect((await post(other, signWebhookBody(other, "whsec_from_env"))).status).toBe(200);
    } finally {
      vi.stubEnv("MULTIMAIL_WEBHOOK_SECRET", "");
      resetEnvForTests();
    }

    // Listed as ours; deleting it removes the stored secret too.
    const listed = await listWebhooks(app.db, admin);
    expect(listed.find((w) => w.id === sub.id)?.ours).toBe(true);
    expect(await deleteWebhook(app.db, admin, sub.id)).toEqual({ removedStoredSecret: true });
    expect(await resolveWebhookSecret(app.db)).toBeNull();
    expect((await listWebhooks(app.db, admin)).some((w) => w.id === sub.id)).toBe(false);
  });

  it("a stored secret sealed under another SECRETS_KEY is reported, not used", async () => {
    const admin = client(K.admin);
    await registerWebhook(app.db, admin, {}, "ada@example.com");
    await registerWebhook(app.db, admin, { approvalCode: await operatorCode("create_webhook") }, "ada@example.com");
    vi.stubEnv("SECRETS_KEY", `${SECRETS_KEY}-rotated`);
    resetEnvForTests();
    clearWebhookSecretCache();
    try {
      expect(await resolveWebhookSecret(app.db)).toBeNull();
      const status = await checkMultiMail(app.db);
      expect(status.webhook.secretSource).toBe("none");
      expect(status.webhook.secretProblem).toContain("cannot be decrypted with the current SECRETS_KEY");
    } finally {
      vi.stubEnv("SECRETS_KEY", SECRETS_KEY);
      resetEnvForTests();
    }
  });

  it("the connection check: verdicts per configured key, scopes from GET /v1/api-keys, job runs", async () => {
    vi.stubEnv("MULTIMAIL_API_URL", world.emu.url);
    vi.stubEnv("MULTIMAIL_OVERSIGHT_KEY", K.oversightRead);
    vi.stubEnv("MULTIMAIL_SEND_KEY", K.oversight);
    vi.stubEnv("MULTIMAIL_ADMIN_KEY", K.admin);
    resetEnvForTests();
    try {
      await recordJobRun(app.db, "reconciler", async () => ({ pending: 3, added: 1, matched: ["x"] }));
      await expect(recordJobRun(app.db, "outbox", async () => Promise.reject(new Error("MultiMail did not answer")))).rejects.toThrow();
      await recordJobRun(app.db, "outbox", async () => ({ delivered: 2 }));

      const status = await checkMultiMail(app.db);
      expect(status.health).toEqual({ ok: true, status: "ok" });
      const [oversight, send, admin] = status.keys;
      expect(oversight).toMatchObject({ tone: "bad", scopes: ["oversight_read", "read"] });
      expect(send).toMatchObject({ tone: "bad", verdict: expect.stringContaining("also holds oversight"), scopes: ["oversight", "read"] });
      expect(admin).toMatchObject({ tone: "ok", scopes: ["admin", "read"] });

      const reconciler = status.jobs.find((j) => j.name === "reconciler")!;
      expect(reconciler).toMatchObject({ lastOk: true, summary: { pending: 3, added: 1 }, lastError: null });
      expect(Date.parse(reconciler.nextRunAt!) - Date.parse(reconciler.lastFinishedAt!)).toBe(30_000);
      const outbox = status.jobs.find((j) => j.name === "outbox")!;
      expect(outbox).toMatchObject({ lastOk: true, summary: { delivered: 2 }, lastError: { message: "MultiMail did not answer" } });
      expect(outbox.backlog.map((b) => b.label)).toEqual(["decisions waiting for MultiMail", "edits waiting to be re-sent", "webhooks not yet applied"]);
    } finally {
      for (const name of ["MULTIMAIL_API_URL", "MULTIMAIL_OVERSIGHT_KEY", "MULTIMAIL_SEND_KEY", "MULTIMAIL_ADMIN_KEY"]) vi.stubEnv(name, "");
      resetEnvForTests();
    }
  });
});
