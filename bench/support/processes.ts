// Processes the benchmark starts and watches: the MultiMail emulator (sandbox/multimail, its CLI in
// a process of its own so its memory is not the app's), free ports, readiness, and the resident
// memory of a process tree read from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { NODE_ARGS, endWithThisProcess } from "./child";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function waitForUrl(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} was not ready after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export interface RunningEmulatorProcess {
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** `npm run emulator`'s CLI on a free port: the demo world (keys, mailboxes), held emails scanned at once. */
export async function startEmulatorProcess(env: Record<string, string> = {}): Promise<RunningEmulatorProcess> {
  const port = await freePort();
  const child = endWithThisProcess(
    spawn(process.execPath, [...NODE_ARGS, "sandbox/multimail/server.ts"], {
      stdio: "ignore",
      env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_SCAN_DELAY_MS: "0", EMULATOR_DELIVERY_DELAY_MS: "10", ...env },
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/health`, 30_000, child);
  return { url, child, close: () => stopProcess(child) };
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and all its descendants, in bytes (each counted whole: shared pages twice). */
export function treeRss(pid: number): { total: number; processes: { pid: number; rss: number; command: string }[] } {
  const processes: { pid: number; rss: number; command: string }[] = [];
  const visit = (p: number) => {
    let command = "";
    try {
      command = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").filter(Boolean).slice(0, 3).join(" ");
    } catch {
      return;
    }
    processes.push({ pid: p, rss: rssOf(p), command });
    for (const c of childrenOf(p)) visit(c);
  };
  visit(pid);
  return { total: processes.reduce((n, p) => n + p.rss, 0), processes };
}

/** CPU seconds (user + system) used so far by a process and, with `tree`, its descendants. */
export function treeCpuSeconds(pid: number, tree = true): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  const visit = (p: number) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8");
      const rest = fields.slice(fields.lastIndexOf(")") + 2).split(" ");
      // After ')': state(0) ppid(1) … utime(11) stime(12)
      total += (Number(rest[11]) + Number(rest[12])) / ticks;
    } catch {
      return;
    }
    if (tree) for (const c of childrenOf(p)) visit(c);
  };
  visit(pid);
  return total;
}

/**
 * Waits until the process tree is quiet (under `threshold` of one core over `windowMs`), so work a
 * server does after answering (Next's after()) is finished before the next measurement; returns the
 * milliseconds waited, or null after `maxMs`.
 */
export async function waitForQuiet(pid: number, options: { threshold?: number; windowMs?: number; maxMs?: number } = {}): Promise<number | null> {
  const { threshold = 0.15, windowMs = 500, maxMs = 120_000 } = options;
  const started = Date.now();
  let cpu = treeCpuSeconds(pid);
  while (Date.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = treeCpuSeconds(pid);
    if ((now - cpu) / (windowMs / 1000) < threshold) return Date.now() - started - windowMs;
    cpu = now;
  }
  return null;
}
