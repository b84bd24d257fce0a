// Speed of the reviewer's hot paths on a queue of 5,000 held emails (embedded PGlite), reported
// as ratios measured in one run: keyset paging stays flat at depth where OFFSET paging does not.
import { randomUUID } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { bench, describe } from "vitest";
import { openTestDb } from "@/test/db";
import { reviewItems } from "@/lib/db/schema";
import { listQueue } from "@/lib/review/data";
import { queueFiltersSchema } from "@/lib/review/schemas";

const N = 5_000;
const handle = await openTestDb("pglite");
const db = handle.db;
const start = Date.UTC(2026, 10, 1);
for (let offset = 0; offset < N; offset += 500) {
  await db.insert(reviewItems).values(
    Array.from({ length: 500 }, (_, i) => ({
      id: randomUUID(),
      rootEmailId: `em-${offset + i}`,
      currentEmailId: `em-${offset + i}`,
      mailboxId: (offset + i) % 3 === 0 ? "mb-support" : "mb-followups",
      state: "pending" as const,
      subject: `Follow-up ${offset + i}: appointment confirmation`,
      toAddresses: [`caller${offset + i}@example.com`],
      preview: "Thanks for calling today. As discussed, your appointment is confirmed.",
      heldAt: new Date(start + (offset + i) * 1000),
    })),
  );
}
await db.execute(sql`analyze`);

// The cursor of the page that starts at row 4,900, as the UI would hold it after paging there.
const [deepRow] = await db.select().from(reviewItems).orderBy(asc(reviewItems.heldAt), asc(reviewItems.id)).offset(N - 101).limit(1);
const deepCursor = Buffer.from(`${deepRow!.heldAt.toISOString()}|${deepRow!.id}`).toString("base64url");
const filters = (extra: Record<string, string> = {}) => queueFiltersSchema.parse({ limit: "50", ...extra });

describe(`the page query at rows 4,901–4,950 of ${N}`, () => {
  bench("keyset cursor (what Countersign does)", async () => {
    await db
      .select()
      .from(reviewItems)
      .where(sql`${reviewItems.state} = 'pending' and (${reviewItems.heldAt}, ${reviewItems.id}) > (${deepRow!.heldAt}, ${deepRow!.id})`)
      .orderBy(asc(reviewItems.heldAt), asc(reviewItems.id))
      .limit(51);
  });
  bench("OFFSET 4900 (the naive alternative)", async () => {
    await db.select().from(reviewItems).where(sql`${reviewItems.state} = 'pending'`).orderBy(asc(reviewItems.heldAt), asc(reviewItems.id)).offset(4900).limit(51);
  });
});

describe("the whole queue page (rows, counts, labels, claims) is flat: first page vs page 99", () => {
  bench("first page", async () => {
    await listQueue(db, filters(), true);
  });
  bench("page 99", async () => {
    await listQueue(db, filters({ cursor: deepCursor }), true);
  });
});

describe("search across 5,000 held emails", () => {
  bench("subject or recipient contains", async () => {
    await listQueue(db, filters({ q: "caller4321" }), true);
  });
});
