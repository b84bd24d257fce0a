// A private copy of the production build for this run. Other people build in the same tree while the
// benchmark runs (`npm test` runs `next build`), which deletes .next under a running `next start`; the
// copy sits in a directory of its own whose other entries link back to the project.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface BuildSnapshot {
  root: string;
  buildId: string;
  remove(): void;
}

const buildIdOf = (root: string) => readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim();

/** Null when there is no complete build; waits up to `waitMs` for a build in progress to finish. */
export async function snapshotBuild(project = process.cwd(), waitMs = 120_000): Promise<BuildSnapshot | null> {
  const next = path.join(project, ".next");
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt += 1) {
    // `next build` holds .next/lock while it writes; BUILD_ID is written last.
    while (existsSync(path.join(next, "lock")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1_000));
    if (!existsSync(path.join(next, "BUILD_ID")) || existsSync(path.join(next, "lock"))) return null;
    const buildId = buildIdOf(project);
    const root = mkdtempSync(path.join(tmpdir(), "countersign-bench-app-"));
    try {
      for (const entry of readdirSync(project)) {
        if (entry === ".next" || entry === ".data") continue;
        symlinkSync(path.join(project, entry), path.join(root, entry));
      }
      cpSync(next, path.join(root, ".next"), {
        recursive: true,
        verbatimSymlinks: true,
        preserveTimestamps: true,
        filter: (src) => !src.startsWith(path.join(next, "cache")),
      });
      if (buildIdOf(project) === buildId && !existsSync(path.join(next, "lock"))) {
        return { root, buildId, remove: () => rmSync(root, { recursive: true, force: true }) };
      }
    } catch {
      // the build changed under the copy
    }
    rmSync(root, { recursive: true, force: true });
    if (attempt >= 2 || Date.now() > deadline) return null;
  }
}
