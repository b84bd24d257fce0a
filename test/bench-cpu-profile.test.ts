// The bench's reading of another process's CPU profile (`node --cpu-prof`): samples kept by the
// monotonic clock window the bench process measured, and charged to the code that owns them.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { breakdownOfProfileFile } from "@/bench/support/cpu-profile";

const dir = mkdtempSync(path.join(tmpdir(), "countersign-cpuprof-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BUSY = `module.exports = (ms) => { const end = Date.now() + ms; let n = 0; while (Date.now() < end) n += JSON.stringify({ n }).length; return n; };`;

describe("breakdownOfProfileFile", () => {
  it("keeps the samples of the window and charges them to the package or the app code that ran", () => {
    mkdirSync(path.join(dir, "node_modules/next/dist"), { recursive: true });
    mkdirSync(path.join(dir, "lib"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules/next/dist/busy.js"), BUSY);
    writeFileSync(path.join(dir, "lib/busy.js"), BUSY);
    // A chunk of a Next build: whose code it is, only its source map says.
    mkdirSync(path.join(dir, ".next/server/chunks"), { recursive: true });
    writeFileSync(path.join(dir, ".next/server/chunks/busy.js"), BUSY);
    const map = { version: 3, sources: ["turbopack:///[project]/lib/review/busy.ts"], names: [], mappings: "AAAA" };
    writeFileSync(path.join(dir, ".next/server/chunks/busy.js.map"), JSON.stringify(map));
    // Half a second in a "Next" module, then in an app module, then in the built chunk; the clock read between.
    writeFileSync(
      path.join(dir, "run.cjs"),
      `const us = () => Number(process.hrtime.bigint() / 1000n);
       const t0 = us(); require("./node_modules/next/dist/busy.js")(500);
       const t1 = us(); require("./lib/busy.js")(500);
       const t2 = us(); require("./.next/server/chunks/busy.js")(500);
       const t3 = us(); process.stdout.write(JSON.stringify([t0, t1, t2, t3]));`,
    );
    const out = execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir=prof", "--cpu-prof-interval=500", "run.cjs"], { cwd: dir, encoding: "utf8" });
    const [t0, t1, t2, t3] = JSON.parse(out) as [number, number, number, number];
    const file = path.join(dir, "prof", readdirSync(path.join(dir, "prof"))[0]!);

    const first = breakdownOfProfileFile(file, { fromUs: t0, toUs: t1 });
    expect(first.samples).toBeGreaterThan(100);
    expect(first.byArea[0]).toMatchObject({ area: expect.stringMatching(/^Next\.js/) });
    expect(first.byArea[0]!.share).toBeGreaterThan(0.8);

    const second = breakdownOfProfileFile(file, { fromUs: t1, toUs: t2 });
    expect(second.byArea[0]).toMatchObject({ area: "Countersign (lib/, app/)" });
    expect(second.byArea[0]!.share).toBeGreaterThan(0.8);

    const built = breakdownOfProfileFile(file, { fromUs: t2, toUs: t3 });
    expect(built.byArea[0]).toMatchObject({ area: "Countersign (lib/, app/)" });
    expect(built.byArea[0]!.share).toBeGreaterThan(0.8);

    expect(breakdownOfProfileFile(file, { fromUs: t3 + 10_000_000, toUs: t3 + 20_000_000 }).samples).toBe(0);
  });
});
