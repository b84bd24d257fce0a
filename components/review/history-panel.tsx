"use client";
// An email's story, read on its own (GET /api/items/{id}/history) so it streams into its panel's
// boundary apart from the draft; a decision or a change refreshes it with the item.
import { useSuspenseQuery } from "@tanstack/react-query";
import { DateTime } from "@/components/ui/date-time";
import { itemHistoryQuery } from "@/lib/review/queries";
import { actorOf, actorText } from "@/lib/review/summarize-audit";

export function HistoryPanel({ itemId }: { itemId: string }) {
  const { data: history } = useSuspenseQuery(itemHistoryQuery(itemId));
  return (
    <section aria-labelledby="history-title" className="rounded-md border border-line bg-panel p-4">
      <h2 id="history-title" className="mb-2 text-sm font-semibold">
        History
      </h2>
      <ol className="space-y-2 text-sm">
        {history.map((h) => (
          <li key={h.id} className="grid grid-cols-[auto_1fr] gap-x-2">
            <span aria-hidden className="mt-1.5 h-2 w-2 rounded-full bg-line" />
            <div>
              <p>{h.summary}</p>
              <p className="text-xs text-muted">
                <DateTime at={h.at} /> · {actorText(actorOf(h.actor))}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
