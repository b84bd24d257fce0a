// drizzle's PGlite driver sends the same few parsers with every statement: dates, timestamps,
// intervals, numeric arrays and their arrays come back as PostgreSQL's text, which drizzle's columns
// then map. PGlite merges a query's parsers into its own table (318 entries, array types included)
// for every result it reads: ~0.15 ms of CPU per statement, the largest single cost of an
// acknowledged webhook (19 % of its in-process work) and ~3.5 ms of a held email's 24 statements.
// Installed once on the client, they need not travel: the client handed to drizzle drops a query's
// parsers when every one of them is one installed here, and passes any other through untouched.
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

/** `target` with every query, in its transactions too, rid of the parsers installed here. */
function dropInstalledParsers<C extends Queryable>(target: C): C {
  return new Proxy(target, {
    get(obj, key) {
      if (key === "query") return (text: string, params?: unknown[], options?: QueryOptions) => obj.query(text, params, withoutInstalledParsers(options));
      if (key === "transaction" && "transaction" in obj)
        return <T>(run: (tx: Transaction) => Promise<T>) => (obj as unknown as PGlite).transaction((tx) => run(dropInstalledParsers(tx)));
      // PGlite's methods use private fields: called on the client itself, not on this proxy.
      const value = Reflect.get(obj, key, obj) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(obj) : value;
    },
  });
}

/**
 * The client drizzle should get: the text parsers installed on it (after PGlite read its array
 * types, which would replace the array ones), and its queries without them.
 */
export function withTextTypes(client: PGlite): PGlite {
  for (const oid of DRIZZLE_TEXT_TYPES) client.parsers[oid] = asText;
  return dropInstalledParsers(client);
}
