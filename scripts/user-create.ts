// `npm run user:create -- --email E --password P --role admin|reviewer|viewer [--name N]`
// Creates an account from the shell. With the embedded PGlite database, run it while Countersign
// is stopped (one process per data directory); with PostgreSQL, any time.
import { parseArgs } from "node:util";
import { createUserAccount } from "@/lib/auth/create-user";
import { roleSchema } from "@/lib/auth/roles";
import { getDbHandle } from "@/lib/db/client";
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
  const message = error instanceof EnvError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`user:create failed: ${message}\n`);
  process.exit(1);
});
