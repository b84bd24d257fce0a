// Points the app's singletons at a fresh test database (and optional environment) for one suite:
// what route-handler and use-case tests need before calling code that reads env() and getDb().
import { afterAll, beforeAll, vi } from "vitest";
import { useDbHandle, type Db, type DbHandle } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { openTestDb, type DbKind } from "./db";

export interface AppDatabase {
  readonly handle: DbHandle;
  readonly db: Db;
}

export function setUpAppDatabase(kind: DbKind, env: Record<string, string> = {}): AppDatabase {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    resetEnvForTests();
    handle = await openTestDb(kind);
    useDbHandle(handle);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    await handle?.close();
  });
  const current = () => {
    if (!handle) throw new Error("the test database is opened in beforeAll");
    return handle;
  };
  return {
    get handle() {
      return current();
    },
    get db() {
      return current().db;
    },
  };
}
