// Real databases for tests: a copy of the migrated PGlite template, and, when TEST_DATABASE_URL
// is set (npm test starts a throwaway PostgreSQL), a fresh PostgreSQL database per test file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { openPglite, openPostgres, type DbHandle } from "@/lib/db/client";

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
  const name = `cs_test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
