// The PGlite client drizzle is given: the real one, with two things changed about every statement,
// in and out of transactions.
//
// 1. No parsers travel with it. drizzle's PGlite driver sends the same few with every statement
//    (dates, timestamps, intervals and some arrays come back as PostgreSQL's text, which drizzle's
//    columns then map), and PGlite merges a query's parsers into its own table (318 entries, array
//    types included) for every result it reads: ~0.15 ms of CPU per statement, the largest single
//    cost of an acknowledged webhook (19 % of its in-process work) and ~3.5 ms of a held email's 24
//    statements. They are installed on the client once instead; a query whose parsers include one
//    not installed here keeps them.
// 2. The event loop turns before it runs. PGlite executes in the server's own thread and resolves its
//    promises at once, so a run of statements with no other I/O between them is one chain of
//    microtasks: no timer, socket or request is served until it ends. A held email's sync (two
//    transactions, ~20 ms) held every webhook answer behind it, four syncs at a time, and a reconciler
//    pass of 200 emails held the server ~9 s, long enough for keep-alive sockets to be closed under
//    waiting requests (issue 10). One turn per statement lets them in between.
import type { PGlite, QueryOptions, Transaction } from "@electric-sql/pglite";

/** drizzle-orm/pglite's identity parsers (its session.js): date, timestamp, timestamptz, interval, and the arrays numeric[], timestamp[], timestamptz[], interval[], date[]. */
export const DRIZZLE_TEXT_TYPES: readonly number[] = [1082, 1114, 1184, 1186, 1231, 1115, 1185, 1187, 1182];

const INSTALLED = new Set(DRIZZLE_TEXT_TYPES.map(String));
const asText = (value: string) => value;

type Queryable = Pick<PGlite, "query">;

/** Only the parsers this module installed are dropped: a parser it did not install stays on the query. */
function withoutInstalledParsers<T extends QueryOptions | undefined>(options: T): T {
  if (!options?.parsers) return options;
  for (const oid in options.parsers) if (!INSTALLED.has(oid)) return options;
  const { parsers: _installed, ...rest } = options;
  return rest as T;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `target` with every query, in its transactions too, run on a new turn of the event loop and rid of the parsers installed here. */
function forDrizzle<C extends Queryable>(target: C): C {
  return new Proxy(target, {
    get(obj, key) {
      if (key === "query")
        return async (text: string, params?: unknown[], options?: QueryOptions) => {
          await nextTurn();
          return obj.query(text, params, withoutInstalledParsers(options));
        };
      if (key === "transaction" && "transaction" in obj)
        return <T>(run: (tx: Transaction) => Promise<T>) => (obj as unknown as PGlite).transaction((tx) => run(forDrizzle(tx)));
      // PGlite's methods use private fields: called on the client itself, not on this proxy.
      const value = Reflect.get(obj, key, obj) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(obj) : value;
    },
  });
}

/**
 * The client to hand drizzle: the text parsers installed on it (after PGlite read its array types,
 * which would replace the array ones), and its statements as described above.
 */
export function drizzleClient(client: PGlite): PGlite {
  for (const oid of DRIZZLE_TEXT_TYPES) client.parsers[oid] = asText;
  return forDrizzle(client);
}
