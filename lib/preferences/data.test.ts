// Per-user preferences on a real database: defaults without a row, one row per person, and a
// person's setting never touches anyone else's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { user } from "@/lib/db/schema";
import { dbKinds, openTestDb } from "@/test/db";
import { getUserPreferences, setSingleKeyShortcuts } from "./data";

describe.each(dbKinds())("user preferences on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    await handle.db.insert(user).values([
      { id: "u-pref-ada", name: "Ada", email: "ada-pref@example.com" },
      { id: "u-pref-bob", name: "Bob", email: "bob-pref@example.com" },
    ]);
  });
  afterAll(async () => handle?.close());

  it("has single-key shortcuts on until the person turns them off, and keeps each person's own", async () => {
    expect(await getUserPreferences(handle.db, "u-pref-ada")).toEqual({ singleKeyShortcuts: true });
    expect(await setSingleKeyShortcuts(handle.db, "u-pref-ada", false)).toEqual({ singleKeyShortcuts: false });
    expect(await getUserPreferences(handle.db, "u-pref-ada")).toEqual({ singleKeyShortcuts: false });
    expect(await getUserPreferences(handle.db, "u-pref-bob")).toEqual({ singleKeyShortcuts: true });
    expect(await setSingleKeyShortcuts(handle.db, "u-pref-ada", true)).toEqual({ singleKeyShortcuts: true });
    expect(await getUserPreferences(handle.db, "u-pref-ada")).toEqual({ singleKeyShortcuts: true });
  });

  it("refuses a preference for someone who does not exist", async () => {
    await expect(setSingleKeyShortcuts(handle.db, "u-nobody", false)).rejects.toThrow();
  });
});
