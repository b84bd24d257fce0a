// GET /api/ready against a real database (PGlite and PostgreSQL) and the MultiMail emulator over HTTP:
// ready when all is well, 503 naming the failed check when the database, a migration, MultiMail or
// the key's scope is missing, and the MultiMail probe cached between load-balancer polls.
import { NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import { openPostgres, useDbHandle, type DbHandle } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { resetReadinessForTests } from "@/lib/observe/readiness";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { GET as health } from "../health/route";
import { GET } from "./route";

type Body = { ok: boolean; checks: Record<string, { ok: boolean; reason?: string }> };

async function ready(): Promise<{ status: number; body: Body; text: string }> {
  const response = await GET(new NextRequest("http://localhost/api/ready"), { params: Promise.resolve({}) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Body, text };
}

function useMultiMail(url: string, key: string) {
  vi.stubEnv("MULTIMAIL_API_URL", url);
  vi.stubEnv("MULTIMAIL_OVERSIGHT_KEY", key);
  resetEnvForTests();
  resetReadinessForTests();
}

describe.each(dbKinds())("GET /api/ready on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }))]);
  });
  beforeEach(() => {
    useDbHandle(handle);
    useMultiMail(emulator.url, DEMO_KEYS.oversight);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    resetReadinessForTests();
    await Promise.all([handle?.close(), emulator?.close()]);
  });

  it("is ready when the database answers, every migration is applied and the oversight key lists pending", async () => {
    const { status, body } = await ready();
    expect(body.checks.multimail).toMatchObject({ ok: true });
    expect(body.checks.database).toMatchObject({ ok: true });
    expect(body.checks.migrations).toMatchObject({ ok: true });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
  });

  it("is not ready when a committed migration is not applied, and names it", async () => {
    const result = (await handle.db.execute(
      sql`select id, hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    )) as unknown;
    type Row = { id: number; hash: string; created_at: string };
    const row = (Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows)[0]!;
    await handle.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${row.id}`);
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.ok).toBe(false);
      expect(body.checks.database!.ok).toBe(true);
      expect(body.checks.migrations).toMatchObject({ ok: false, reason: expect.stringMatching(/^1 migration\(s\) not applied: \d{4}_/) });
    } finally {
      await handle.db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${row.id}, ${row.hash}, ${row.created_at}::bigint)`);
    }
    expect((await ready()).status).toBe(200);
  });

  it("is not ready when MultiMail is down, the key is wrong, or the key lacks the oversight scope", async () => {
    const down = await startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }));
    const downUrl = down.url;
    await down.close();
    useMultiMail(downUrl, DEMO_KEYS.oversight);
    let r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.checks.multimail).toEqual({ ok: false, reason: "MultiMail could not be reached." });
    expect(r.body.checks.database!.ok).toBe(true);

    useMultiMail(emulator.url, "mm_live_not_a_key");
    r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.checks.multimail!.reason).toMatch(/refused the oversight key \(401\)/);
    expect(r.text).not.toContain("mm_live_not_a_key");

    // The send key has the send and read scopes: it may not list the approval queue.
    useMultiMail(emulator.url, DEMO_KEYS.send);
    r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.checks.multimail!.reason).toMatch(/needs the oversight scope/);
    expect(r.text).not.toContain(DEMO_KEYS.send);
  });

  it("is not ready when MultiMail is not configured", async () => {
    vi.stubEnv("MULTIMAIL_API_URL", "");
    resetEnvForTests();
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.checks.multimail!.reason).toBe("MultiMail is not configured: set MULTIMAIL_API_URL.");
  });

  it("asks MultiMail at most once per 15 s: a second poll within that time reads the cached answer", async () => {
    const upstream = await startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }));
    useMultiMail(upstream.url, DEMO_KEYS.oversight);
    expect((await ready()).status).toBe(200);
    await upstream.close();
    // MultiMail is gone, but the answer of a moment ago still stands.
    const cached = await ready();
    expect(cached.status).toBe(200);
    expect(cached.body.checks.multimail).toMatchObject({ ok: true, cachedForMs: expect.any(Number) });
    resetReadinessForTests();
    expect((await ready()).status).toBe(503);
  });
});

describe("GET /api/ready with the database down", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emulator = await startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    resetReadinessForTests();
    await emulator?.close();
  });

  it.each(dbKinds())("answers 503 naming the database when the %s database is closed, while /api/health fails too", async (kind) => {
    useMultiMail(emulator.url, DEMO_KEYS.oversight);
    const handle = await openTestDb(kind);
    useDbHandle(handle);
    expect((await ready()).status).toBe(200);
    await handle.close();
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.checks.database).toMatchObject({ ok: false, reason: expect.any(String) });
    expect(r.body.checks.migrations!.ok).toBe(false);
    expect(r.body.checks.multimail!.ok).toBe(true);
    expect(r.text).not.toMatch(/\bat \S+ \(|node_modules|postgres:\/\//);
    expect((await health(new NextRequest("http://localhost/api/health"), { params: Promise.resolve({}) })).status).toBe(500);
  });

  it("answers 503 when PostgreSQL refuses the connection (nothing listens on its port)", async () => {
    useMultiMail(emulator.url, DEMO_KEYS.oversight);
    const dead = openPostgres("postgres://countersign:secret-password@127.0.0.1:1/countersign");
    dead.catch(() => undefined);
    useDbHandlePromise(dead);
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.checks.database).toEqual({ ok: false, reason: "The database refused the connection." });
    expect(r.text).not.toContain("secret-password");
  });
});

/** The app's singleton as it is when PostgreSQL was down at start: a database that never opened. */
function useDbHandlePromise(promise: Promise<DbHandle>) {
  (globalThis as { __countersignDb?: Promise<DbHandle> }).__countersignDb = promise;
}
