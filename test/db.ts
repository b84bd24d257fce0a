// Real databases for tests: a copy of the migrated PGlite template, and, when TEST_DATABASE_URL
// is set (npm test starts a throwaway PostgreSQL), a fresh PostgreSQL database per test file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { openPglite, openPostgres, type DbHandle } from "@/lib/db/client";
import { createScratchDatabase } from "./scratch-database";

export type DbKind = "pglite" | "postgres";

const templatePath = path.resolve(".data/test/pglite-template.tar.gz");

/** The database kinds this run tests against. */
export function dbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export async function openTestDb(kind: DbKind): Promise<DbHandle> {
  if (kind === "pglite") {
    const blob = new Blob([readFileSync(templatePath)]);
    return openPglite(undefined, { loadDataDir: blob });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const scratch = await createScratchDatabase(adminUrl, "cs_test");
  const handle = await openPostgres(scratch.url);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}
