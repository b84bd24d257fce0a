// One process per PGlite data directory: a second open is refused while the first holds it,
// `npm run user:create` says so and changes nothing, and a lock whose process is gone is taken over.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "./client";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "./pglite-lock";
import { user } from "./schema";

const template = path.resolve(".data/test/pglite-template.tar.gz");
const scratch = mkdtempSync(path.join(tmpdir(), "countersign-lock-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("lockDataDir", () => {
  it("refuses a second lock while the first is held, and frees the directory on release", () => {
    const dir = mkdtempSync(path.join(scratch, "unit-"));
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`Countersign is running on ${dir} (pid ${process.pid})`);
    release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir)();
  });

  it("takes over a lock left by a process that is gone, or an unreadable one", () => {
    const dir = mkdtempSync(path.join(scratch, "stale-"));
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), since: "2026-01-01T00:00:00Z" }));
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    release();
    writeFileSync(path.join(dir, LOCK_FILE), "garbage");
    lockDataDir(dir)();
  });

  it("does not remove a lock that another process took after this one", () => {
    const dir = mkdtempSync(path.join(scratch, "foreign-"));
    const release = lockDataDir(dir);
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid }));
    release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
  });
});

describe("a PGlite data directory held by a running Countersign", () => {
  const dir = path.join(scratch, "app-data");
  let app: DbHandle;

  it("refuses a second open in the same process", async () => {
    app = await openPglite(dir, { loadDataDir: new Blob([readFileSync(template)]) });
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await app.db.select().from(user);
  });

  it("npm run user:create refuses with a clear message and leaves the database alone", async () => {
    const created = spawnSync("npx", ["tsx", "scripts/user-create.ts", "--email", "late@example.com", "--password", "correct-horse-1", "--role", "viewer"], {
      encoding: "utf8",
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "", LOG_LEVEL: "silent" },
      timeout: 60_000,
    });
    expect(created.status).toBe(1);
    expect(created.stderr).toContain(`Countersign is running on ${dir} (pid ${process.pid})`);
    expect(created.stderr).toMatch(/Stop it and run this again, or create the user from Settings → Invites/);
    expect(await app.db.select().from(user)).toEqual([]);
  }, 90_000);

  it("is free again once the app closes it", async () => {
    await app.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const reopened = await openPglite(dir);
    await reopened.close();
  });
});
