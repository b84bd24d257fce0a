// Leases between instances: one holder at a time, renewed while a pass outlasts the lease, taken over
// only once it lapses. Two holders stand for two Countersign instances on one database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { dbKinds, openTestDb } from "@/test/db";
import { acquireLease, runExclusive } from "./lease";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(dbKinds())("leases on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("never lets a second instance start a pass while a slow one outlasts the lease", async () => {
    const db = handle.db;
    const ttlMs = 300;
    const running: string[] = [];
    let overlap = false;
    const pass = (who: string, ms: number) => async () => {
      if (running.length > 0) overlap = true;
      running.push(who);
      await sleep(ms);
      running.splice(running.indexOf(who), 1);
    };
    // Instance A's pass takes four lease lifetimes; B keeps trying every 100 ms meanwhile.
    const a = runExclusive(db, "reconciler", "instance-a", ttlMs, pass("a", ttlMs * 4));
    await sleep(20);
    const tries: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      tries.push(await runExclusive(db, "reconciler", "instance-b", ttlMs, pass("b", 10)));
      await sleep(100);
    }
    expect(await a).toBe(true);
    expect(overlap).toBe(false);
    expect(tries.every((ran) => !ran)).toBe(true);
    // Once A stops renewing, its lease lapses and B takes over.
    await sleep(ttlMs + 50);
    expect(await runExclusive(db, "reconciler", "instance-b", ttlMs, pass("b", 10))).toBe(true);
  });

  it("keeps the lease with its holder while it lives, and hands it over when it lapses", async () => {
    const db = handle.db;
    expect(await acquireLease(db, "outbox", "one", 200)).toBe(true);
    expect(await acquireLease(db, "outbox", "two", 200)).toBe(false);
    expect(await acquireLease(db, "outbox", "one", 200)).toBe(true);
    await sleep(250);
    expect(await acquireLease(db, "outbox", "two", 200)).toBe(true);
  });
});
