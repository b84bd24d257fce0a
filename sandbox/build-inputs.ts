// Whether the production build in .next is the build of what is on disk now: a SHA-256 over every
// file that goes into `next build` (sources, styles, public files, migrations, package-lock.json,
// next.config.mjs and the other configs) and the environment that changes its output, kept in
// .next/countersign-inputs.sha256 after a build. `next build` empties .next, so any other build (e2e,
// npm test) leaves no hash behind and the demo builds again.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const HASH_FILE = ".next/countersign-inputs.sha256";
const DIRS = ["app", "components", "lib", "public", "drizzle"];
const FILES = ["package.json", "package-lock.json", "next.config.mjs", "tsconfig.json", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "next-env.d.ts"];
/** Settings read at build time: NEXT_PUBLIC_* is inlined into the bundles, these change the output. */
const BUILD_ENV = /^(NEXT_PUBLIC_|NEXT_SKIP_TYPECHECK$|NEXT_OUTPUT$|NODE_ENV$)/;
const SKIP = new Set(["node_modules", ".next", ".data", "__pycache__"]);

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
}

export function buildInputsHash(env: Record<string, string | undefined>): string {
  const files: string[] = [];
  for (const dir of DIRS) walk(dir, files);
  for (const file of FILES) if (existsSync(file) && statSync(file).isFile()) files.push(file);
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  for (const name of Object.keys(env)
    .filter((k) => BUILD_ENV.test(k))
    .sort())
    hash.update(`env:${name}=${env[name]}\0`);
  hash.update(`node:${process.version}\0`);
  return hash.digest("hex");
}

/** True when .next holds a finished build whose recorded inputs hash equals the current one. */
export function buildIsCurrent(env: Record<string, string | undefined>): boolean {
  if (!existsSync(".next/BUILD_ID") || !existsSync(HASH_FILE)) return false;
  return readFileSync(HASH_FILE, "utf8").trim() === buildInputsHash(env);
}

export function recordBuild(env: Record<string, string | undefined>): void {
  writeFileSync(HASH_FILE, `${buildInputsHash(env)}\n`);
}
