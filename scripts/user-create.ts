// `npm run user:create -- --email E --password P --role admin|reviewer|viewer [--name N]`
// Creates an account from the shell. With the embedded PGlite database, only while Countersign is
// stopped (one process per data directory: it refuses while the app holds the directory's lock);
// with PostgreSQL, any time.
import path from "node:path";
import { parseArgs } from "node:util";
import { createUserAccount } from "@/lib/auth/create-user";
import { roleSchema } from "@/lib/auth/roles";
import { getDbHandle } from "@/lib/db/client";
import { DataDirLockedError, LOCK_FILE } from "@/lib/db/pglite-lock";
import { EnvError, env } from "@/lib/env";

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const role = roleSchema.safeParse(values.role);
  if (!values.email || !values.password || !role.success) {
    process.stderr.write("usage: npm run user:create -- --email E --password P --role admin|reviewer|viewer [--name N]\n");
    process.exit(2);
  }
  env();
  const handle = await getDbHandle();
  try {
    const created = await createUserAccount(handle.db, { email: values.email, password: values.password, name: values.name, role: role.data }, "cli");
    process.stdout.write(`Created ${role.data} ${created.email}\n`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(
      `user:create refused: Countersign is running on ${error.dataDir} (pid ${error.pid}). Stop it and run this again, ` +
        `or create the user from Settings → Invites while it runs.\n` +
        `(If no Countersign is running, pid ${error.pid} is another program: delete ${path.join(error.dataDir, LOCK_FILE)}.)\n`,
    );
    process.exit(1);
  }
  const message = error instanceof EnvError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`user:create failed: ${message}\n`);
  process.exit(1);
});
