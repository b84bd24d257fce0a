// Child process of the kill -9 case: opens the database, records decisions, starts delivering them and
// reports each step on stdout; the parent kills it while the first decide is in flight.
import { openPglite, openPostgres } from "@/lib/db/client";
import { createMultiMailClient } from "@/lib/multimail/client";
import { decideEmail } from "@/lib/review/decide-email";
import { runOutbox } from "@/lib/review/run-outbox";
import { decision } from "./support";

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { FAULT_DB_URL, FAULT_PGLITE_DIR, FAULT_EMULATOR_URL, FAULT_OVERSIGHT_KEY, FAULT_ITEM_IDS } = process.env;
  if (!FAULT_EMULATOR_URL || !FAULT_OVERSIGHT_KEY || !FAULT_ITEM_IDS) throw new Error("FAULT_EMULATOR_URL, FAULT_OVERSIGHT_KEY and FAULT_ITEM_IDS are required");
  const handle = FAULT_DB_URL ? await openPostgres(FAULT_DB_URL) : await openPglite(FAULT_PGLITE_DIR);
  say("opened");
  const itemIds = FAULT_ITEM_IDS.split(",");
  for (const [i, itemId] of itemIds.entries()) {
    await decideEmail(handle.db, decision(itemId, i % 3 === 2 ? "reject" : "approve", "child@example.com"));
  }
  say(`decided ${itemIds.length}`);
  // Patient client: the call in flight must still be waiting when the parent pulls the plug.
  const oversight = createMultiMailClient({ baseUrl: FAULT_EMULATOR_URL, apiKey: FAULT_OVERSIGHT_KEY, timeoutMs: 60_000, maxRetries: 0 });
  say("delivering");
  await runOutbox(handle.db, { oversight, send: null });
  say("delivered (the parent was meant to kill this process before now)");
  await handle.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`kill-child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
