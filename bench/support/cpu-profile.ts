// Where a server's CPU time goes while it is under load, for the report's "where the gap comes
// from" notes: the V8 sampling profiler of this process (node:inspector), self time summed by
// package or app module; or the profile another process wrote (`node --cpu-prof`, e.g. `next start`),
// each sample charged to the code that owns it through the build's source maps.
import { existsSync, readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface CpuBreakdown {
  /** Busy milliseconds sampled (idle excluded). */
  busyMs: number;
  byArea: { area: string; share: number }[];
  topFunctions: { fn: string; share: number }[];
}

function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  if (url.startsWith("wasm://")) return "PGlite (PostgreSQL in WASM)";
  if (url.startsWith("node:"))
    return `node:${url
      .slice(5)
      .split("/")[0]!
      .replace(/^internal$/, "internal")}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg === "@electric-sql/pglite" ? "PGlite (PostgreSQL in WASM)" : pkg;
  const own = /\/((?:lib|bench|app)\/.*?)(?:\?|$)/.exec(url)?.[1];
  return own ?? url;
}

/** Runs `work` with the sampling profiler on; returns its result and the breakdown of this process's CPU time. */
export async function profileDuring<T>(work: () => Promise<T>, intervalUs = 500): Promise<{ result: T; cpu: CpuBreakdown }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: intervalUs });
    await session.post("Profiler.start");
    const result = await work();
    const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
    return { result, cpu: breakdown(profile) };
  } finally {
    session.disconnect();
  }
}

function breakdown(profile: Profile): CpuBreakdown {
  const samples = profile.samples ?? [];
  const msPerSample = samples.length ? (profile.endTime - profile.startTime) / 1000 / samples.length : 0;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const id of samples) {
    const node = nodes.get(id);
    if (!node || node.callFrame.functionName === "(idle)") continue;
    busy += 1;
    const { url, functionName, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + 1);
    const fn = `${functionName || "(anonymous)"} ${area}${url && !url.startsWith("wasm://") ? `:${lineNumber + 1}` : ""}`;
    functions.set(fn, (functions.get(fn) ?? 0) + 1);
  }
  return summarize(busy, msPerSample, areas, functions);
}

/** Sample counts by area and by function → the ten largest shares of each. */
function summarize(busy: number, msPerSample: number, areas: Map<string, number>, functions: Map<string, number>): CpuBreakdown {
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, v]) => ({ k, share: busy ? v / busy : 0 }));
  return {
    busyMs: busy * msPerSample,
    byArea: top(areas).map(({ k, share }) => ({ area: k, share })),
    topFunctions: top(functions).map(({ k, share }) => ({ fn: k, share })),
  };
}

/** Who a frame's code belongs to, from its original source: a package, or Countersign's own code. */
function ownerOfSource(source: string): string | null {
  if (source.startsWith("node:")) return null;
  // drizzle-orm's own source maps name its files node_modules/src/…; pg's three packages are one client.
  if (/node_modules\/(?:src|drizzle-orm|pg|pg-pool|pg-protocol)\//.test(source)) return "database client (drizzle-orm, pg)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
  if (pkg === "next" || source.includes("[turbopack]")) return "Next.js (router, route runtime, request and response objects)";
  if (pkg) return pkg.replace(/^%40/, "@");
  if (/(?:^|\/)(?:lib|app)\/|(?:^|\/)proxy\.ts$/.test(source.replace(/^.*\[project\]\//, "/"))) return "Countersign (lib/, app/)";
  return null;
}

/**
 * The CPU profile `node --cpu-prof` wrote for another process, limited to the samples taken between
 * `fromUs` and `toUs` (the monotonic clock in microseconds, as process.hrtime gives it: V8 stamps its
 * samples with the same clock). Each sample is charged to its nearest frame whose code has an owner
 * (Node's internals and native code count for the code that called them: a web stream Next builds is
 * Next's), reading chunks of a Next build through their source maps.
 */
export function breakdownOfProfileFile(file: string, window: { fromUs: number; toUs: number }): CpuBreakdown & { samples: number } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const maps = new Map<string, SourceMap | null>();
  const sourceOf = ({ url, lineNumber, columnNumber }: ProfileNode["callFrame"]): string => {
    if (!url.includes("/.next/")) return url;
    if (!maps.has(url)) {
      const path = url.startsWith("file:") ? fileURLToPath(url) : url;
      maps.set(url, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8"))) : null);
    }
    const entry = maps.get(url)?.findEntry(lineNumber, columnNumber);
    return entry && "originalSource" in entry ? entry.originalSource : url;
  };
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  (profile.samples ?? []).forEach((id, i) => {
    t += profile.timeDeltas?.[i] ?? 0;
    const node = nodes.get(id);
    if (t < window.fromUs || t > window.toUs || !node || node.callFrame.functionName === "(idle)") return;
    busy += 1;
    const { functionName } = node.callFrame;
    let owner: string | null = functionName === "(garbage collector)" ? "garbage collection" : null;
    for (let cur: number | undefined = id; !owner && cur !== undefined; cur = parent.get(cur)) owner = ownerOfSource(sourceOf(nodes.get(cur)!.callFrame));
    owner ??= "Node.js alone (sockets, HTTP parsing, timers)";
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
    const source = sourceOf(node.callFrame)
      .replace(/^.*node_modules\//, "")
      .replace(/^.*\[project\]\//, "");
    const fn = `${functionName || "(anonymous)"} ${source || "(native)"}`;
    functions.set(fn, (functions.get(fn) ?? 0) + 1);
  });
  const msPerSample = profile.samples?.length ? (profile.endTime - profile.startTime) / 1000 / profile.samples.length : 0;
  return { samples: busy, ...summarize(busy, msPerSample, owners, functions) };
}
