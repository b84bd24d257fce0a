// Builds one migrated PGlite database for the whole run; each test file loads a copy (toolchain.md:
// a brand-new PGlite costs seconds, a copy ~1 s).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const templatePath = path.resolve(".data/test/pglite-template.tar.gz");

export default async function setup() {
  const { openPglite } = await import("../lib/db/client");
  const handle = await openPglite(undefined);
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: "gzip"): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("gzip");
  mkdirSync(path.dirname(templatePath), { recursive: true });
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}
