// Enumerates every page, route handler and Server Action the app has, from the source tree and
// the build's action manifest, so the security specs cover routes added later without editing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface PageRoute {
  path: string;
  file: string;
}

export interface ApiRoute extends PageRoute {
  methods: string[];
}

const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function toUrlPath(file: string): string {
  const segments = path
    .relative("app", path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[...") ? "sample/path" : s.startsWith("[") ? SAMPLE_ID : s));
  return `/${segments.join("/")}`;
}

export function pageRoutes(): PageRoute[] {
  return walk("app")
    .filter((f) => /\/page\.tsx?$/.test(f))
    .map((file) => ({ file, path: toUrlPath(file) }));
}

export function apiRoutes(): ApiRoute[] {
  return walk("app")
    .filter((f) => /\/route\.ts$/.test(f))
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      return { file, path: toUrlPath(file), methods };
    });
}

export interface ServerAction {
  id: string;
  name: string;
  file: string;
  /** A page that hosts the action (actions are POSTed to a page URL). */
  page: string;
}

export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node)
    .filter(([, a]) => !a.exportedName.startsWith("$$RSC_SERVER_ACTION")) // inline closures only wrap an action listed here
    .map(([id, a]) => {
      const worker = Object.keys(a.workers)[0] ?? "app/page";
      return { id, name: a.exportedName, file: a.filename, page: toUrlPath(`${worker}.tsx`) };
    });
}

export { SAMPLE_ID };
