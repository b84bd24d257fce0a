// The protocol between `npm run bench` (scripts/bench.ts) and one section, which runs in a process of
// its own so its memory and its database are its own: input as JSON in the file BENCH_INPUT names,
// the result written as JSON to the file BENCH_OUTPUT names, progress on stderr (stdout is the report's).
import { readFileSync, writeFileSync } from "node:fs";

export function progress(line: string): void {
  process.stderr.write(`  · ${line}\n`);
}

export function runSection<I, O>(main: (input: I) => Promise<O>): void {
  const inputFile = process.env.BENCH_INPUT;
  const output = process.env.BENCH_OUTPUT;
  Promise.resolve()
    .then(() => main(JSON.parse(inputFile ? readFileSync(inputFile, "utf8") : "{}") as I))
    .then((result) => {
      if (output) writeFileSync(output, JSON.stringify(result));
      else process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
      // Pools, emulators and timers a section forgot must not keep the run waiting.
      process.exit(0);
    })
    .catch((error: unknown) => {
      // Drizzle wraps the driver's error: its cause says what PostgreSQL objected to.
      const cause = error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.message}` : "";
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}${cause}\n`);
      process.exit(1);
    });
}
