// GET /api/ready: can this instance serve? The database answers, every committed migration is
// applied, and MultiMail answers the oversight key's pending list (reachable, and the key has the
// scope). The MultiMail probe is cached for PROBE_TTL_MS so load balancers polling every few seconds
// do not turn into a stream of calls upstream. Reasons are short sentences: no stack, no secret.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { multimailConfig } from "@/lib/env";
import { createMultiMailClient } from "@/lib/multimail/client";
import { MultiMailError } from "@/lib/multimail/errors";

export const PROBE_TTL_MS = 15_000;
const DB_TIMEOUT_MS = 3_000;
const PROBE_TIMEOUT_MS = 3_000;

export interface Check {
  ok: boolean;
  /** Why it failed (or a note when it passed), one sentence. */
  reason?: string;
  [detail: string]: unknown;
}

export interface Readiness {
  ok: boolean;
  checks: { database: Check; migrations: Check; multimail: Check };
}

type Probe = { key: string; at: number; check: Promise<Check> };
type Global = { __countersignReadyProbe?: Probe };
const g = globalThis as Global;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A database error's message names no host, user or password; a connection string never reaches it. */
function describeDbError(error: unknown): string {
  // The driver's own error may sit under a wrapper's cause, or in an AggregateError (one per address tried).
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e, ...((e as { errors?: unknown[] }).errors ?? []));
  }
  const code = chain.map((e) => (e as { code?: unknown })?.code).find((c) => typeof c === "string");
  const message = chain.map((e) => (e instanceof Error ? e.message : String(e))).join(" ");
  if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(message)) return "The database refused the connection.";
  if (code === "ENOTFOUND" || /ENOTFOUND|EAI_AGAIN/.test(message)) return "The database host could not be resolved.";
  if (/did not answer within/.test(message)) return message.endsWith(".") ? message : `${message}.`;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return `The database answered with error ${code}.`;
  return "The database could not be reached.";
}

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : ((result as { rows?: Row[] }).rows ?? [])) as Row[];

function journalMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(path.join(process.cwd(), "drizzle", "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
  return journal.entries;
}

async function checkDatabase(): Promise<{ database: Check; migrations: Check }> {
  const started = Date.now();
  let db;
  try {
    db = await withTimeout(getDb(), DB_TIMEOUT_MS, "The database");
    await withTimeout(db.execute(sql`select 1`), DB_TIMEOUT_MS, "The database");
  } catch (error) {
    return { database: { ok: false, reason: describeDbError(error) }, migrations: { ok: false, reason: "Not checked: the database is not reachable." } };
  }
  const database: Check = { ok: true, ms: Date.now() - started };
  try {
    const expected = journalMigrations();
    const applied = rowsOf(await withTimeout(db.execute(sql`select created_at::bigint as created_at from drizzle.__drizzle_migrations`), DB_TIMEOUT_MS, "The database"));
    // Drizzle records each applied migration with its journal entry's `when` as created_at.
    const appliedAt = new Set(applied.map((r) => Number(r.created_at)));
    const missing = expected.filter((m) => !appliedAt.has(m.when)).map((m) => m.tag);
    if (missing.length > 0)
      return {
        database,
        migrations: {
          ok: false,
          reason: `${missing.length} migration(s) not applied: ${missing.slice(0, 5).join(", ")}.`,
          applied: appliedAt.size,
          expected: expected.length,
        },
      };
    return { database, migrations: { ok: true, applied: appliedAt.size, expected: expected.length } };
  } catch (error) {
    const reason = /does not exist/.test(error instanceof Error ? error.message : "")
      ? "No migration has been applied (the migrations table is missing)."
      : describeDbError(error);
    return { database, migrations: { ok: false, reason } };
  }
}

async function probeMultiMail(apiUrl: string, apiKey: string): Promise<Check> {
  const started = Date.now();
  try {
    const client = createMultiMailClient({ baseUrl: apiUrl, apiKey, timeoutMs: PROBE_TIMEOUT_MS, maxRetries: 0 });
    await client.listPending();
    // Not the pending count: this answer is public, the size of the queue is not.
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    if (error instanceof MultiMailError) {
      if (error.status === 401) return { ok: false, reason: "MultiMail refused the oversight key (401): check MULTIMAIL_OVERSIGHT_KEY." };
      if (error.status === 403) return { ok: false, reason: "The oversight key may not list pending emails (403): it needs the oversight scope." };
      if (error.kind === "timeout") return { ok: false, reason: `MultiMail did not answer within ${PROBE_TIMEOUT_MS} ms.` };
      if (error.kind === "network") return { ok: false, reason: "MultiMail could not be reached." };
      if (error.status > 0) return { ok: false, reason: `MultiMail answered ${error.status} to the pending list.` };
      return { ok: false, reason: "MultiMail sent an unexpected answer to the pending list." };
    }
    return { ok: false, reason: "MultiMail could not be reached." };
  }
}

/** The MultiMail check, probed at most once per PROBE_TTL_MS per configuration (concurrent callers share one probe). */
function checkMultiMail(now = Date.now()): Promise<Check> {
  const config = multimailConfig();
  if (!config.configured) return Promise.resolve({ ok: false, reason: `MultiMail is not configured: set ${config.missing.join(" and ")}.` });
  const key = `${config.apiUrl}\n${config.oversightKey}`;
  const cached = g.__countersignReadyProbe;
  if (cached && cached.key === key && now - cached.at < PROBE_TTL_MS) {
    return cached.check.then((c) => ({ ...c, cachedForMs: PROBE_TTL_MS - (now - cached.at) }));
  }
  const check = probeMultiMail(config.apiUrl, config.oversightKey);
  g.__countersignReadyProbe = { key, at: now, check };
  return check;
}

export async function checkReadiness(): Promise<Readiness> {
  const [{ database, migrations }, multimail] = await Promise.all([checkDatabase(), checkMultiMail()]);
  return { ok: database.ok && migrations.ok && multimail.ok, checks: { database, migrations, multimail } };
}

/** Tests probe again instead of reading the cached answer. */
export function resetReadinessForTests(): void {
  g.__countersignReadyProbe = undefined;
}
