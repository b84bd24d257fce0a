// The inbox's word on queue rows and review pages: who wrote a reply, and whether a newer message
// or call from the contact makes the held draft stale.
import type { Db } from "@/lib/db/client";
import type { reviewItems } from "@/lib/db/schema";
import { findStaleHolds } from "./find-stale-holds";
import { writtenByOf } from "./reply-author";
import type { QueueInbox } from "./schemas";

type ItemRow = typeof reviewItems.$inferSelect;

export async function inboxAnnotations(db: Db, items: readonly ItemRow[]): Promise<Map<string, QueueInbox>> {
  if (items.length === 0) return new Map();
  const [stale, writers] = await Promise.all([
    findStaleHolds(db, items),
    writtenByOf(
      db,
      items.map((i) => i.rootEmailId),
    ),
  ]);
  return new Map(
    items.map((item) => {
      const hold = stale.get(item.id);
      return [
        item.id,
        {
          writtenBy: writers.get(item.rootEmailId) ?? null,
          stale: hold ? { draftedAt: hold.draftedAt.toISOString(), newer: hold.newer } : null,
        },
      ];
    }),
  );
}
