// The database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in PGLITE_DIR.
// One instance per process (a globalThis singleton), migrated before first use.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { lockDataDir } from "./pglite-lock";
import { drizzleClient } from "./pglite-client";
import { schema, type Schema } from "./schema";

/** A database or a transaction: DB functions take this so a transition and its audit row commit together. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** LISTEN on a channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "drizzle");

/** PGlite's buffer cache; PostgreSQL's own setting is left to its operator. */
export const PGLITE_SHARED_BUFFERS = "16MB";

type Global = { __countersignDb?: Promise<DbHandle> };
const g = globalThis as Global;

export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm backs the queue search's index (drizzle/0007); PostgreSQL ships it in contrib.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  // Before PGlite touches the directory: a second process on it would corrupt it (pglite-lock.ts).
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const client = await PGlite.create(dataDir, {
      extensions: { pg_trgm },
      // PGlite's shared_buffers default (160 MB) is WebAssembly memory the process holds for good,
      // ~110 MB of it resident from the start; an embedded team's working set fits in far less, and a
      // page not in it is read from the operating system's cache (issue 10).
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzle({ client: drizzleClient(client), schema }) as unknown as Db;
    await migrate(db as never, { migrationsFolder });
    return {
      db,
      kind: "pglite",
      listen: async (channel, onPayload) => client.listen(channel, onPayload),
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openPostgres(url: string): Promise<DbHandle> {
  const { Pool, Client } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, a failover, an admin's terminate) is replaced on
  // the next query; unheard, the pool's error event would crash the process.
  pool.on("error", (error) => logger.warn({ err: error }, "an idle database connection was closed by the server"));
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  await migrate(db as never, { migrationsFolder });
  return {
    db,
    kind: "postgres",
    listen: async (channel, onPayload) => {
      // LISTEN needs its own long-lived connection, not one borrowed from the pool. If that
      // connection drops (a restart, a failover), listen again, or realtime would stop for good.
      let stopped = false;
      let current: InstanceType<typeof Client> | undefined;
      const reconnect = () => {
        if (stopped) return;
        setTimeout(() => void connect().catch(reconnect), 1_000).unref();
      };
      const connect = async (): Promise<void> => {
        const client = new Client({ connectionString: url });
        client.on("notification", (n) => n.channel === channel && onPayload(n.payload ?? ""));
        client.on("error", () => undefined);
        // Only the connection that is listening re-listens when it ends; a failed attempt retries through its catch.
        client.on("end", () => client === current && reconnect());
        try {
          await client.connect();
          await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
        } catch (error) {
          await client.end().catch(() => undefined);
          throw error;
        }
        current = client;
      };
      await connect();
      return async () => {
        stopped = true;
        await current?.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
}

/** The process-wide database, opened and migrated on first use; a failed open is tried again on the next use. */
export function getDbHandle(): Promise<DbHandle> {
  if (!g.__countersignDb) {
    const e = env();
    const opening = e.DATABASE_URL ? openPostgres(e.DATABASE_URL) : openPglite(path.resolve(e.PGLITE_DIR));
    g.__countersignDb = opening;
    // PostgreSQL down at boot must not leave the instance failing until it restarts.
    opening.catch(() => {
      if (g.__countersignDb === opening) g.__countersignDb = undefined;
    });
  }
  return g.__countersignDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests point the app's singleton at their own database. */
export function useDbHandle(handle: DbHandle): void {
  g.__countersignDb = Promise.resolve(handle);
}
