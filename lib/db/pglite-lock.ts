// One process per PGlite data directory. PGlite has no lock of its own, and a second process
// writing the same directory corrupts it (a user:create while the app ran broke every later audit
// insert). Whoever opens a directory writes its pid to a lock file inside it; another process finds
// the file, sees that pid alive, and refuses. A lock whose process is gone (kill -9) is taken over.
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "countersign.lock";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`Countersign is running on ${dataDir} (pid ${pid}). If no Countersign process is running, delete ${path.join(dataDir, LOCK_FILE)}.`);
  }
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number((JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock of `dataDir` (which must exist) for this process, or throws DataDirLockedError
 * naming the live process that holds it, this one included. Returns the release function; the lock
 * is also released when the process exits.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const content = `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`;
  // Written whole under a private name, then linked into place: linking fails if the lock exists,
  // and nobody ever reads a half-written lock.
  const draft = `${file}.${process.pid}.${Date.now()}`;
  writeFileSync(draft, content);
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(draft, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const owner = ownerOf(file);
        if (owner !== null && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
        rmSync(file, { force: true }); // left by a process that is gone
        continue;
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        if (ownerOf(file) === process.pid) rmSync(file, { force: true });
      };
      process.on("exit", release);
      return release;
    }
    throw new Error(`Could not take the lock ${file}; another process keeps replacing it.`);
  } finally {
    rmSync(draft, { force: true });
  }
}
