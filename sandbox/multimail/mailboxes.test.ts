// Mailbox provisioning and the trust ladder (multimail-api.md §2.1): create through the operator's
// approval code, 409 for a taken address, 403 for scope and plan, soft delete, request-upgrade / upgrade.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEYS, MAILBOX, startHarness, type Harness } from "./test-helpers";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const codes = async (action: string) =>
  (await h.control<{ codes: { code: string; action: string; resource: string | null; used: boolean }[] }>("/approval-codes")).codes.filter((c) => c.action === action);

describe("POST /v1/mailboxes", () => {
  it("202 and a code for the operator, then 201 {id, address} with it; the code is single-use", async () => {
    const first = await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "Billing", display_name: "Billing", oversight_mode: "autonomous" } });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ status: "pending_approval" });
    const [issued] = await codes("create_mailbox");
    expect(issued).toMatchObject({ resource: "billing@acme-dental.example", used: false });

    const created = await h.api("/v1/mailboxes", {
      key: KEYS.admin,
      json: { address_local: "billing", display_name: "Billing", approval_code: issued!.code.toLowerCase() },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; address: string };
    expect(body.address).toBe("billing@acme-dental.example");
    const mailbox = (await (await h.api(`/v1/mailboxes/${body.id}`, { key: KEYS.oversight })).json()) as Record<string, unknown>;
    // oversight_mode is ignored: new mailboxes always start at gated_send.
    expect(mailbox).toMatchObject({ display_name: "Billing", oversight_mode: "gated_send", is_active: 1 });

    // The harness seeds four mailboxes, so the plan's fifth is used: free a slot to see the code refused.
    await h.api(`/v1/mailboxes/${MAILBOX}`, { key: KEYS.admin, method: "DELETE" });
    const again = await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "other", approval_code: issued!.code } });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ error: "Invalid or expired approval code" });
  });

  it("409 for a taken address before any code is issued, and for a deleted mailbox's address", async () => {
    const taken = await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "followups" } });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ error: "Address already taken: followups@acme-dental.example" });
    expect(await codes("create_mailbox")).toEqual([]);

    expect((await h.api(`/v1/mailboxes/${MAILBOX}`, { key: KEYS.admin, method: "DELETE" })).status).toBe(200);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}`, { key: KEYS.oversight })).status).toBe(404);
    expect((await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "followups" } })).status).toBe(409);
  });

  it("403 without the admin scope, 400 for a bad address or an unverified domain, 403 past the plan's mailboxes", async () => {
    const scope = await h.api("/v1/mailboxes", { key: KEYS.send, json: { address_local: "sales" } });
    expect(scope.status).toBe(403);
    expect(await scope.json()).toEqual({ error: "API key lacks required scope: admin" });
    expect((await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "no spaces" } })).status).toBe(400);
    expect((await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "x@elsewhere.example" } })).status).toBe(400);
    expect((await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "x", ai_disclosure: false } })).status).toBe(400);
    // The harness seeds four mailboxes; the Builder plan allows five.
    const one = await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "fifth" } });
    expect(one.status).toBe(202);
    const [code] = await codes("create_mailbox");
    expect((await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "fifth", approval_code: code!.code } })).status).toBe(201);
    const limit = await h.api("/v1/mailboxes", { key: KEYS.admin, json: { address_local: "sixth" } });
    expect(limit.status).toBe(403);
    expect(((await limit.json()) as { error: string }).error).toMatch(/Mailbox limit reached/);
  });
});

describe("trust ladder", () => {
  it("request-upgrade emails a code; upgrade 404 without a request, 403 for a wrong code, then upgraded", async () => {
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/upgrade`, { key: KEYS.admin, json: { code: "AAA-AAA" } })).status).toBe(404);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/request-upgrade`, { key: KEYS.admin, json: { target_mode: "gated_send" } })).status).toBe(400);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/request-upgrade`, { key: KEYS.admin, json: { target_mode: "read_only" } })).status).toBe(400);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/request-upgrade`, { key: KEYS.admin, json: { target_mode: "bold" } })).status).toBe(400);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/request-upgrade`, { key: KEYS.oversight, json: { target_mode: "monitored" } })).status).toBe(403);

    const asked = await h.api(`/v1/mailboxes/${MAILBOX}/request-upgrade`, { key: KEYS.admin, json: { target_mode: "monitored" } });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toEqual({ status: "upgrade_requested" });
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/upgrade`, { key: KEYS.admin, json: { code: "AAA-AAA" } })).status).toBe(403);
    const [code] = await codes("upgrade_mailbox");
    const done = await h.api(`/v1/mailboxes/${MAILBOX}/upgrade`, { key: KEYS.send, json: { code: code!.code } });
    expect(await done.json()).toEqual({ status: "upgraded" });
    const mailbox = (await (await h.api(`/v1/mailboxes/${MAILBOX}`, { key: KEYS.oversight })).json()) as { oversight_mode: string };
    expect(mailbox.oversight_mode).toBe("monitored");
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/upgrade`, { key: KEYS.admin, json: { code: code!.code } })).status).toBe(404);
  });

  it("429 past three requests an hour per mailbox", async () => {
    for (const target of ["monitored", "autonomous", "monitored"]) {
      expect((await h.api(`/v1/mailboxes/${MAILBOX}/request-upgrade`, { key: KEYS.admin, json: { target_mode: target } })).status).toBe(200);
    }
    const fourth = await h.api(`/v1/mailboxes/${MAILBOX}/request-upgrade`, { key: KEYS.admin, json: { target_mode: "autonomous" } });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
