// Runs one benchmark section in a process of its own (see section.ts): TypeScript through tsx, the
// `server-only` marker stubbed, the app's logger silent unless BENCH_LOG_LEVEL says otherwise.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const NODE_ARGS = ["--import", "tsx", "--import", "./scripts/bench-register.mjs", "--expose-gc"];

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => {
    for (const c of children) c.kill("SIGTERM");
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => process.exit(130));
}

/**
 * Ends `child` when this process ends, however it ends short of SIGKILL: a section stopped by a
 * timeout or Ctrl-C must not leave an emulator, `next start` or another section running.
 */
export function endWithThisProcess(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  hookExit();
  return child;
}

export async function runChild<O>(file: string, input: unknown, options: { timeoutMs: number; env?: Record<string, string> }): Promise<O> {
  const dir = mkdtempSync(path.join(tmpdir(), "countersign-bench-"));
  tempDirs.add(dir);
  hookExit();
  const output = path.join(dir, "result.json");
  const inputFile = path.join(dir, "input.json");
  writeFileSync(inputFile, JSON.stringify(input));
  try {
    const child = endWithThisProcess(
      spawn(process.execPath, [...NODE_ARGS, file], {
        // Progress goes to stderr: stdout is the report's alone.
        stdio: ["ignore", process.stderr, process.stderr],
        env: {
          ...process.env,
          LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "silent",
          NODE_ENV: "production",
          ...options.env,
          BENCH_INPUT: inputFile,
          BENCH_OUTPUT: output,
        },
      }),
    );
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c, signal) => resolve(signal ? null : c)));
    clearTimeout(timer);
    if (code !== 0) throw new Error(code === null ? `${file} was stopped after ${Math.round(options.timeoutMs / 1000)} s` : `${file} exited with ${code}`);
    return JSON.parse(readFileSync(output, "utf8")) as O;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  }
}
