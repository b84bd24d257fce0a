import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { listActivity } from "@/lib/audit/list-activity";
import { auditLog, user } from "@/lib/db/schema";
import { activityEntries } from "./activity-entries";

describe.each(dbKinds())("activity entries on %s", (kind) => {
  let handle: DbHandle;
  let itemId: string;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    await handle.db.insert(user).values({ id: "u-ada", name: "Ada Lovelace", email: "ada@example.com", role: "reviewer" });
    // Only the columns this reads: the table grows other columns with later migrations.
    itemId = randomUUID();
    await handle.db.execute(
      sql`insert into review_items (id, root_email_id, current_email_id, mailbox_id, state, subject, held_at) values (${itemId}, 'em_1', 'em_1', 'mb_1', 'pending', 'Your appointment on Tuesday', ${"2026-11-01T09:00:00Z"})`,
    );
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));
    await handle.db.insert(auditLog).values([
      { actor: "multimail", action: "email.held", itemId, at: at(0) },
      { actor: "ada@example.com", action: "claim.taken", itemId, at: at(1) },
      { actor: "ada@example.com", action: "claim.released", itemId, at: at(2) },
      { actor: "ada@example.com", action: "claim.taken", itemId, at: at(3) },
      { actor: "Ada Lovelace <ada@example.com>", action: "decision.recorded", itemId, at: at(4), details: { action: "approve" } },
      { actor: "system", action: "decision.delivered", itemId, at: at(5), details: { action: "approve", upstreamStatus: "approved_and_sent" } },
      { actor: "ada@example.com", action: "settings.changed", at: at(6), details: { fourEyes: true } },
    ]);
  });
  afterAll(async () => handle?.close());

  it("names actors with their address, emails by subject, actions in words, and folds claim noise", async () => {
    const { rows } = await listActivity(handle.db, {});
    const entries = await activityEntries(handle.db, rows);
    expect(entries.map((e) => [e.label, e.summary, e.count])).toEqual([
      ["Settings changed", "Settings changed: four eyes: on", 1],
      ["Decision sent to MultiMail", "MultiMail acknowledged the approval (approved_and_sent)", 1],
      ["Decision recorded", "Approved", 1],
      ["Opened for review", "Opened for review twice, left it once", 3],
      ["Held for review", "Held by MultiMail for review", 1],
    ]);
    expect(entries[0]!.actor).toEqual({ kind: "person", name: "Ada Lovelace", email: "ada@example.com" });
    expect(entries[1]!.actor).toMatchObject({ kind: "system", name: "Countersign" });
    expect(entries[3]).toMatchObject({ at: "2026-11-01T10:03:00.000Z", firstAt: "2026-11-01T10:01:00.000Z", subject: "Your appointment on Tuesday", itemId });
    expect(entries[0]!.subject).toBeNull();
  });
});
