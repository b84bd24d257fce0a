// Where a server's CPU time goes while it is under load: the V8 sampling profiler of this process
// (node:inspector), self time summed by package or app module, for the report's "where the gap
// comes from" notes.
import { Session } from "node:inspector/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
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
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => ({ k, share: busy ? v / busy : 0 }));
  return {
    busyMs: busy * msPerSample,
    byArea: top(areas, 10).map(({ k, share }) => ({ area: k, share })),
    topFunctions: top(functions, 10).map(({ k, share }) => ({ fn: k, share })),
  };
}
