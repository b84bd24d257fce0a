// Settings → MultiMail against the MultiMail emulator: the mailbox approval-code round trip, every
// wrong-scope key verdict, and the encrypted secret (the webhook round trip and the verifier using the
// stored secret are in test/webhooks/multimail-registered-secret.test.ts).
import { describe, expect, it } from "vitest";
import { K, refusal, SECRETS_KEY, startConnectEmulator } from "@/test/connect-emulator";
import { probeKey, verdictFor } from "./key-verdicts";
import { applyUpgrade, createMailbox, listMailboxRows, requestUpgrade, updateMailbox } from "./mailboxes";
import { decryptSecret, encryptSecret } from "./secrets";

const world = startConnectEmulator();
const { client, operatorCode } = world;

describe("the encrypted secret", () => {
  it("round-trips, and refuses another key, another setting name and a tampered value", () => {
    const sealed = encryptSecret("whsec_abc123", "multimail.webhook.signing_secret", SECRETS_KEY);
    expect(sealed).not.toContain("whsec_abc123");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(decryptSecret(sealed, "multimail.webhook.signing_secret", SECRETS_KEY)).toBe("whsec_abc123");
    // A fresh IV every time: the same secret never seals to the same text.
    expect(encryptSecret("whsec_abc123", "multimail.webhook.signing_secret", SECRETS_KEY)).not.toBe(sealed);
    expect(() => decryptSecret(sealed, "multimail.webhook.signing_secret", `${SECRETS_KEY}-changed`)).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(sealed, "another.setting", SECRETS_KEY)).toThrow(/cannot be decrypted/);
    const [v, iv, tag, body] = sealed.split(".");
    // One character of the ciphertext changed (whichever it was).
    const changed = body!.at(-2) === "A" ? "B" : "A";
    const flipped = `${v}.${iv}.${tag}.${body!.slice(0, -2)}${changed}${body!.slice(-1)}`;
    expect(() => decryptSecret(flipped, "multimail.webhook.signing_secret", SECRETS_KEY)).toThrow();
  });
});

describe("key verdicts for every scope combination (probed against MultiMail)", () => {
  const verdict = async (role: "oversight" | "send" | "admin", key: string, sameAsOversight = false) =>
    verdictFor(role, await probeKey(client(key)), { sameAsOversight });

  it("oversight key", async () => {
    expect(await verdict("oversight", K.oversight)).toMatchObject({ tone: "ok", verdict: "This key can list and decide held emails. Good." });
    expect(await verdict("oversight", K.oversightRead)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("not decide them (oversight_read only)") });
    expect(await verdict("oversight", K.read)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("cannot list held emails") });
    expect(await verdict("oversight", K.send)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("can send but cannot list") });
    expect(await verdict("oversight", K.admin)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("cannot list held emails") });
    expect(await verdict("oversight", K.oversightAdmin)).toMatchObject({ tone: "warn", verdict: expect.stringContaining("also holds admin") });
    expect(await verdict("oversight", "mm_live_not_a_key")).toMatchObject({ tone: "bad", verdict: expect.stringContaining("does not accept this key (401)") });
    // A legacy key holding both (MultiMail refuses to create one since 0.5.6, so it is not probed).
    expect(verdictFor("oversight", { state: "ok", abilities: { list: true, decide: true, send: true, admin: false } })).toMatchObject({
      tone: "bad",
      verdict: expect.stringMatching(/^This key can also send: MultiMail refuses keys with both/),
    });
    expect(verdictFor("oversight", null)).toMatchObject({ tone: "bad", configured: false });
  });

  it("send key", async () => {
    expect(await verdict("send", K.send)).toMatchObject({ tone: "ok", verdict: "This key can send edited drafts and replies, and cannot decide. Good." });
    expect(await verdict("send", K.read)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("cannot send") });
    expect(await verdict("send", K.oversight)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("also holds oversight") });
    expect(await verdict("send", K.oversightRead)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("also holds oversight") });
    expect(await verdict("send", K.sendAdmin)).toMatchObject({ tone: "warn", verdict: expect.stringContaining("also holds admin") });
    expect(await verdict("send", K.oversight, true)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("the oversight key again") });
    expect(verdictFor("send", null)).toMatchObject({ tone: "warn", verdict: expect.stringContaining("editing drafts and replying in threads are off") });
  });

  it("admin key", async () => {
    expect(await verdict("admin", K.admin)).toMatchObject({ tone: "ok", verdict: "This key can manage webhooks and mailboxes. Good." });
    expect(await verdict("admin", K.read)).toMatchObject({ tone: "bad", verdict: expect.stringContaining("lacks the admin scope") });
    expect(await verdict("admin", K.sendAdmin)).toMatchObject({ tone: "warn", verdict: expect.stringContaining("can also send") });
    expect(await verdict("admin", K.oversightAdmin)).toMatchObject({ tone: "warn", verdict: expect.stringContaining("can also decide held emails") });
  });

  it("probes change nothing at MultiMail", async () => {
    await probeKey(client(K.oversight));
    const { emails } = await world.emu.control<{ emails: unknown[] }>("/emails");
    expect(emails).toEqual([]);
  });
});

describe("mailbox provisioning through the approval code", () => {
  it("202 → code → 201; a wrong code is 403; a taken address is 409; a key without admin is 403", async () => {
    const admin = client(K.admin);
    const first = await createMailbox(admin, { addressLocal: "billing", displayName: "Acme Billing" });
    expect(first.step).toBe("code_sent");
    expect((await listMailboxRows(admin)).some((m) => m.address.startsWith("billing@"))).toBe(false);

    const wrong = await refusal(createMailbox(admin, { addressLocal: "billing", displayName: "Acme Billing", approvalCode: "AAA-AAA" }));
    expect(wrong.code).toBe("forbidden");
    expect(wrong.message).toContain("MultiMail said: Invalid or expired approval code");

    const done = await createMailbox(admin, { addressLocal: "billing", displayName: "Acme Billing", approvalCode: await operatorCode("create_mailbox") });
    expect(done).toMatchObject({ step: "done", address: "billing@acme-dental.example" });
    const row = (await listMailboxRows(admin)).find((m) => m.address === "billing@acme-dental.example");
    expect(row).toMatchObject({ displayName: "Acme Billing", oversightMode: "gated_send" });

    const taken = await refusal(createMailbox(admin, { addressLocal: "billing" }));
    expect(taken.code).toBe("conflict");
    expect(taken.message).toContain("Address already taken: billing@acme-dental.example");

    const scope = await refusal(createMailbox(client(K.send), { addressLocal: "sales" }));
    expect(scope.code).toBe("forbidden");
    expect(scope.message).toContain("API key lacks required scope: admin");
  });

  it("edits name and signature, downgrades, and upgrades only through request-upgrade and the code", async () => {
    const admin = client(K.admin);
    const [mailbox] = await listMailboxRows(admin);
    const id = mailbox!.id;
    expect(await updateMailbox(admin, id, { displayName: "Front desk", signatureBlock: "— Acme Dental\n+1 555 0100" })).toEqual({
      changed: ["displayName", "signatureBlock"],
    });
    expect(await updateMailbox(admin, id, { oversightMode: "gated_all" })).toEqual({ changed: ["oversightMode"] });
    let row = (await listMailboxRows(admin)).find((m) => m.id === id);
    expect(row).toMatchObject({ displayName: "Front desk", signatureBlock: "— Acme Dental\n+1 555 0100", oversightMode: "gated_all" });

    const upgrade = await refusal(updateMailbox(admin, id, { oversightMode: "monitored" }));
    expect(upgrade.message).toContain("is an upgrade");
    const tooLong = await refusal(updateMailbox(admin, id, { signatureBlock: "x".repeat(201) }));
    expect(tooLong.message).toContain("200");

    expect(await requestUpgrade(admin, id, "gated_send")).toEqual({ status: "upgrade_requested" });
    const bad = await refusal(applyUpgrade(admin, id, "ZZZ-ZZZ"));
    expect(bad.code).toBe("forbidden");
    expect(bad.message).toContain("Invalid or expired upgrade code");
    expect(await applyUpgrade(admin, id, await operatorCode("upgrade_mailbox"))).toEqual({ oversightMode: "gated_send" });
    const none = await refusal(applyUpgrade(admin, id, "ZZZ-ZZZ"));
    expect(none.code).toBe("not_found");
    row = (await listMailboxRows(admin)).find((m) => m.id === id);
    expect(row?.oversightMode).toBe("gated_send");
  });
});
