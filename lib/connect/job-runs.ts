// Last-run facts of the background jobs (reconciler, outbox), written by whichever instance ran the
// pass, for Settings → MultiMail. One small JSON row per job in the settings table.
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { readJsonSetting, writeJsonSetting } from "./secrets";

export type JobName = "reconciler" | "outbox";

export interface JobRun {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** The failure's message (never a stack), null when the pass succeeded. */
  error: string | null;
  /** The last failure, kept after later passes succeed. */
  lastError: { at: string; message: string } | null;
  /** What the pass reported (reconciler: pending/added/…; outbox: delivered). */
  summary: Record<string, number> | null;
}

const settingKey = (name: JobName) => `job.${name}`;

export async function readJobRun(db: Db, name: JobName): Promise<JobRun | null> {
  return readJsonSetting<JobRun>(db, settingKey(name));
}

function summarize(result: unknown): Record<string, number> | null {
  if (typeof result === "number") return { done: result };
  if (!result || typeof result !== "object") return null;
  const numbers = Object.entries(result).filter((entry): entry is [string, number] => typeof entry[1] === "number");
  return numbers.length ? Object.fromEntries(numbers) : null;
}

/** Runs one pass and records it; the pass's own error is rethrown after it is recorded. */
export async function recordJobRun<T>(db: Db, name: JobName, pass: () => Promise<T>): Promise<T> {
  const startedAt = new Date().toISOString();
  const write = async (run: Omit<JobRun, "lastError">, failure: string | null) => {
    try {
      const previous = await readJobRun(db, name);
      const lastError = failure ? { at: run.finishedAt, message: failure } : (previous?.lastError ?? null);
      await writeJsonSetting(db, settingKey(name), { ...run, lastError } satisfies JobRun, null);
    } catch (error) {
      logger.warn({ err: error, job: name }, "could not record the job's run");
    }
  };
  try {
    const result = await pass();
    await write({ startedAt, finishedAt: new Date().toISOString(), ok: true, error: null, summary: summarize(result) }, null);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await write({ startedAt, finishedAt: new Date().toISOString(), ok: false, error: message, summary: null }, message);
    throw error;
  }
}
