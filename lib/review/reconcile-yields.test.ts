// A reconciler pass must not hold the event loop. PGlite answers in the server's own thread and
// resolves its promises at once, so a run of applies with no request to MultiMail between them (the
// pending list carries whole emails, and those naming their call are applied as listed) was one chain
// of microtasks: timers and sockets waited for the whole batch (~9 s for 200 emails), and keep-alive
// sockets were closed under waiting requests. Each statement now waits a turn (lib/db/pglite-client.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/lib/db/client";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { dbKinds, openTestDb } from "@/test/db";
import { countTurns } from "@/test/event-loop";
import { reconcile } from "./reconcile";

const HELD = 20;

describe.each(dbKinds())("reconciler and the event loop on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let client: MultiMailClient;

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator(demoEmulatorOptions({ scanDelayMs: 5 }))]);
    client = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5 });
    await Promise.all(
      Array.from({ length: HELD }, (_, i) =>
        fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
          method: "POST",
          headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
          // Metadata naming the call: the pending list's copy is applied as it is, with no read of the email.
          body: JSON.stringify({
            to: [`caller${i}@example.com`],
            subject: `Loop ${i}`,
            markdown: "Thanks for calling.",
            metadata: { session_id: `RM_loop${i}`, caller_email: `caller${i}@example.com` },
          }),
        }),
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([handle?.close(), emulator?.close()]);
  });

  it("lets the event loop turn between the emails it applies", async () => {
    // Turns of the event loop, read as each transaction opens.
    const loop = countTurns();
    const seen: number[] = [];
    const transaction = handle.db.transaction.bind(handle.db);
    const watched = new Proxy(handle.db, {
      get: (target, key, receiver) =>
        key === "transaction"
          ? (...args: Parameters<Db["transaction"]>) => {
              seen.push(loop.turns());
              return transaction(...args);
            }
          : Reflect.get(target, key, receiver),
    });
    try {
      const report = await reconcile(watched, client, { maxApplies: HELD, passBudgetMs: 0, concurrency: 1 });
      expect(report.added).toBe(HELD);
    } finally {
      loop.stop();
    }
    // Two transactions per email (the apply, then the session link); the loop turned before each email.
    expect(seen.length).toBeGreaterThanOrEqual(HELD);
    expect(new Set(seen).size).toBeGreaterThanOrEqual(HELD);
  });
});
