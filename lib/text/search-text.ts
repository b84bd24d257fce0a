// What the queue search matches for an item: subject, addresses, caller and the whole current draft,
// lower-cased once on write; the queue matches its words by prefix (lib/review/data.ts, drizzle/0017).
import { storableText } from "@/lib/text/storable";

/** Bodies beyond this are searched by their start only: the index stays small, every draft still matches. */
const MAX_BODY = 20_000;

export interface Searchable {
  subject: string;
  from: string;
  to: readonly string[];
  markdown: string;
  callerName?: string | null;
  callerEmail?: string | null;
}

export function searchTextOf(item: Searchable): string {
  const parts = [item.subject, item.from, item.to.join(" "), item.callerName ?? "", item.callerEmail ?? "", item.markdown.slice(0, MAX_BODY)];
  return storableText(parts.filter(Boolean).join(" ").toLowerCase());
}
