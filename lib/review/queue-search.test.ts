// The queue search on a real database (both kinds): every word of a query starts a word of the
// item's subject, addresses (split at "@" and dots), caller or draft; case and punctuation do not
// matter; odd input (tsquery syntax, quotes, only punctuation) finds nothing rather than failing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { dbKinds, openTestDb } from "@/test/db";
import { listQueue } from "./data";
import { queueFiltersSchema } from "./schemas";
import { searchTextOf, type Searchable } from "@/lib/text/search-text";

describe.each(dbKinds())("the queue search on %s", (kind) => {
  let handle: DbHandle;
  const ids: Record<string, string> = {};

  async function seed(name: string, item: Searchable) {
    const [row] = await handle.db
      .insert(reviewItems)
      .values({
        rootEmailId: `em-search-${name}`,
        currentEmailId: `em-search-${name}`,
        mailboxId: "mb-search",
        state: "pending",
        subject: item.subject,
        searchText: searchTextOf(item),
        heldAt: new Date(Date.UTC(2026, 0, 5, 9, Object.keys(ids).length)),
      })
      .returning({ id: reviewItems.id });
    ids[name] = row!.id;
  }

  beforeAll(async () => {
    handle = await openTestDb(kind);
    await seed("dental", {
      subject: "Your cleaning on Tuesday",
      from: "followups@acme-dental.example",
      to: ["maria.gonzalez@example.com"],
      markdown: "You're booked for **Tuesday, March 17 at 3:30 PM**. Your reference is AD-4417.",
      callerName: "María González",
    });
    await seed("plumbing", {
      subject: "Your estimate",
      from: "followups@acme-dental.example",
      to: ["james.okafor@example.net"],
      markdown: "The estimate for O'Brien's kitchen sink is $240.",
    });
  });
  afterAll(async () => handle?.close());

  const found = async (q: string) => (await listQueue(handle.db, queueFiltersSchema.parse({ q }), true)).rows.map((r) => r.id);

  it("finds an item by the start of any word, address part or reference, whatever the case", async () => {
    for (const q of ["tuesday", "TUES", "gonz", "maria.gonzalez@example.com", "maria.gonzalez@", "example.com", "AD-44", "ad 4417", "cleaning tues", "maría", "gonzález"])
      expect(await found(q), q).toEqual([ids.dental]);
    for (const q of ["okafor", "example.net", "o'brien", "brien", "$240"]) expect(await found(q), q).toEqual([ids.plumbing]);
    expect(await found("example")).toEqual([ids.dental, ids.plumbing]);
  });

  it("needs every word, and matches words by their start only", async () => {
    for (const q of ["tuesday okafor", "esday", "onzalez", "nowhere"]) expect(await found(q), q).toEqual([]);
  });

  it("treats tsquery syntax and punctuation as separators, and punctuation alone finds nothing", async () => {
    for (const q of ["tues:*", "!tuesday & (gonz)", "'tues'", "tues\\", "<-> gonz"]) expect(await found(q), q).toEqual([ids.dental]);
    for (const q of ["@", "&|!", "''"]) expect(await found(q), q).toEqual([]);
  });
});
