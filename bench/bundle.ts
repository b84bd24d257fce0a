// Section 4, bundle: first-load JavaScript per route from the build's own statistics
// (.next/diagnostics/route-bundle-stats.json: each route's first-load chunk paths), gzipped here at
// level 9 (as gzip-size does), against the budgets in issue 10. Reported, never failed on.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const BUNDLE_BUDGETS: Record<string, number> = { "/": 180_000, "/emails/[id]": 190_000 };

export interface BundleRoute {
  route: string;
  rawBytes: number;
  gzipBytes: number;
  budget: number | null;
}

export type BundleOutput = { skipped: string } | { buildId: string; builtAt: string; routes: BundleRoute[] };

interface RouteStat {
  route: string;
  firstLoadChunkPaths: string[];
}

/** `root` holds the build (`.next`) and its chunk paths are relative to it. */
export function measureBundles(root = "."): BundleOutput {
  const stats = path.join(root, ".next", "diagnostics", "route-bundle-stats.json");
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) return { skipped: "no production build (.next/BUILD_ID); run `npm run build` first" };
  if (!existsSync(stats)) return { skipped: "the build has no .next/diagnostics/route-bundle-stats.json" };
  const gzipped = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (chunk: string) => {
    let known = gzipped.get(chunk);
    if (!known) {
      const bytes = readFileSync(path.join(root, chunk));
      known = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      gzipped.set(chunk, known);
    }
    return known;
  };
  const routes = (JSON.parse(readFileSync(stats, "utf8")) as RouteStat[]).map((r) => {
    const sizes = r.firstLoadChunkPaths.map(sizeOf);
    return { route: r.route, rawBytes: sizes.reduce((n, s) => n + s.raw, 0), gzipBytes: sizes.reduce((n, s) => n + s.gzip, 0), budget: BUNDLE_BUDGETS[r.route] ?? null };
  });
  const buildIdFile = path.join(root, ".next", "BUILD_ID");
  return {
    buildId: readFileSync(buildIdFile, "utf8").trim(),
    builtAt: statSync(buildIdFile).mtime.toISOString(),
    routes: routes.sort((a, b) => (b.budget !== null ? 1 : 0) - (a.budget !== null ? 1 : 0) || b.gzipBytes - a.gzipBytes),
  };
}
