import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { activityCsv, listActivity } from "./list-activity";

describe.each(dbKinds())("activity on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    await handle.db.insert(auditLog).values([
      { actor: "ada@example.com", action: "auth.signed_in", at: new Date("2026-11-01T10:00:00Z") },
      { actor: "ada@example.com", action: "decision.recorded", at: new Date("2026-11-02T10:00:00Z"), details: { action: "approve" } },
      { actor: "bob@example.com", action: "auth.sign_in_failed", at: new Date("2026-11-03T10:00:00Z"), details: { email: '=HYPERLINK("http://evil")' } },
    ]);
  });
  afterAll(async () => handle?.close());

  it("filters by actor, action prefix and date, newest first", async () => {
    expect((await listActivity(handle.db, { actor: "ADA" })).rows.map((r) => r.action)).toEqual(["decision.recorded", "auth.signed_in"]);
    expect((await listActivity(handle.db, { action: "auth." })).rows.map((r) => r.actor)).toEqual(["bob@example.com", "ada@example.com"]);
    expect((await listActivity(handle.db, { from: "2026-11-02", to: "2026-11-02" })).rows.map((r) => r.action)).toEqual(["decision.recorded"]);
  });

  it("pages with a cursor", async () => {
    const first = await listActivity(handle.db, {}, 2);
    expect(first.rows).toHaveLength(2);
    const second = await listActivity(handle.db, { before: first.nextBefore! }, 2);
    expect(second.rows.map((r) => r.action)).toEqual(["auth.signed_in"]);
  });

  it("exports CSV with formulas neutralised", async () => {
    const csv = activityCsv((await listActivity(handle.db, {})).rows);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("id,at,actor,action,item_id,email_id,details");
    expect(lines).toHaveLength(4);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect(csv).toContain("HYPERLINK");
  });
});
