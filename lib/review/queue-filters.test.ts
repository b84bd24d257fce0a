// The browser's hand-written reader of the queue URL gives the server's zod answers, junk included.
import { describe, expect, it } from "vitest";
import { parseQueueFilters, queueStates } from "./queue-filters";
import { queueFiltersSchema } from "./schemas";

const fromQuery = (query: string) => Object.fromEntries(new URLSearchParams(query));
const long = "x".repeat(201);

const queries = [
  "",
  "state=edited",
  "state=all&mailbox=mb_1&q=invoice&cursor=abc&findings=with&limit=20",
  "state=bogus",
  "state=PENDING",
  "state=",
  "state=approved&state=junk",
  "state=junk&state=rejected",
  "mailbox=",
  "mailbox=%20%20",
  "mailbox=%20mb_2%20",
  `mailbox=${long}`,
  `mailbox=${"y".repeat(200)}`,
  `mailbox=%20${"y".repeat(200)}%20`,
  "q=%20%20hello%20world%20",
  `q=${long}`,
  "cursor=%20spaced%20",
  `cursor=${long}`,
  `cursor=${"c".repeat(199)}%20`,
  "findings=with",
  "findings=without",
  "sort=due",
  "sort=DUE",
  "sort=held",
  "state=all&sort=due",
  "findings=",
  "limit=",
  "limit=0",
  "limit=1",
  "limit=100",
  "limit=101",
  "limit=7.5",
  "limit=%207%20",
  "limit=1e1",
  "limit=0x10",
  "limit=-3",
  "limit=Infinity",
  "limit=NaN",
  "limit=abc",
  "unknown=1&__proto__=x&constructor=y",
  "q=%E2%9C%93&mailbox=%F0%9F%98%80",
];

describe("parseQueueFilters", () => {
  it.each(queries)("reads %j as the server's queueFiltersSchema does", (query) => {
    const raw = fromQuery(query);
    expect(parseQueueFilters(raw)).toEqual(queueFiltersSchema.parse(raw));
  });

  it("agrees with the schema on random junk", () => {
    const alphabet = ["", " ", "a", "with", "all", "edited", "5", "50", "1e2", "-", "%", "\t", "é"];
    const keys = ["state", "mailbox", "q", "cursor", "findings", "limit", "other"];
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      const raw: Record<string, string> = {};
      for (const key of keys) {
        if (next(2) === 0) continue;
        let value = "";
        for (let i = next(5); i > 0; i--) value += alphabet[next(alphabet.length)];
        raw[key] = next(20) === 0 ? value.repeat(60) : value;
      }
      expect(parseQueueFilters(raw), JSON.stringify(raw)).toEqual(queueFiltersSchema.parse(raw));
    }
  });

  it("never throws and always lands on a tab", () => {
    expect(parseQueueFilters({}).state).toBe("pending");
    expect(parseQueueFilters({ state: "drop table" })).toEqual({ state: "pending", limit: 50 });
  });

  it("lands on every tab the schema knows", () => {
    for (const state of queueStates) expect(parseQueueFilters({ state }).state).toBe(queueFiltersSchema.parse({ state }).state);
  });
});
