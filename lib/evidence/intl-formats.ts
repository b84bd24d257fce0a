// Intl formatters kept for the life of the process, one per zone or currency. Each `new
// Intl.DateTimeFormat` builds an ICU formatter (a fraction of a millisecond and tens of KB of native
// memory, freed only when V8 collects its wrapper), and the evidence of every synced email built
// several: a load of synced webhooks left ~50 MB of fragmented native memory behind (issue 10).
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** Zones and currencies come from agents' metadata: the cache is bounded whatever they send. */
const MAX_FORMATS = 500;

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) {
    format = make(); // throws for an unknown zone or currency: nothing cached
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return format;
}

/** "GMT-05:00"-style zone names in `timeZone`; throws a RangeError for an unknown zone. */
export const offsetFormat = (timeZone: string) => cached(`offset ${timeZone}`, () => new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }));

/** The calendar year in `timeZone`; throws a RangeError for an unknown zone. */
export const yearFormat = (timeZone: string) => cached(`year ${timeZone}`, () => new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" }));

/** "$1,234.50" in `currency`; throws a RangeError for an unknown currency code. */
export const currencyFormat = (currency: string) => cached(`currency ${currency}`, () => new Intl.NumberFormat("en-US", { style: "currency", currency }));

/** How many formatters are kept (tests). */
export const keptFormats = (): number => formats.size;
