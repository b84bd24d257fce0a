// The standalone server's folder as the Dockerfile lays it out: .next/static and public are not part
// of the traced output, so they are copied beside server.js. Shared by the standalone and the
// two-instance tests, which may run at once: existing files are left alone (never unlinked and
// rewritten under a server that is reading them, which failed one run in a few).
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

export const STANDALONE_ROOT = path.resolve(".next/standalone");

export function prepareStandaloneRoot(): void {
  const copy = { recursive: true, force: false, errorOnExist: false } as const;
  cpSync(".next/static", path.join(STANDALONE_ROOT, ".next/static"), copy);
  if (existsSync("public")) cpSync("public", path.join(STANDALONE_ROOT, "public"), copy);
}
