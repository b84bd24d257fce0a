// The browser's zod-free reader of a mailbox's filter URL gives the server's zod answers, junk included.
import { describe, expect, it } from "vitest";
import { parseEmailFilters } from "./email-filters";
import { emailFiltersSchema } from "./schemas";

const long = "x".repeat(201);
const queries = [
  "",
  "direction=inbound&status=unread&sender=ada&subject=invoice&after=2026-11-01&before=2026-11-30&cursor=abc",
  "direction=sideways",
  "direction=INBOUND",
  "status=pending_scan",
  "status=spam_quarantined",
  "sender=%20%20",
  "sender=%20ada%20",
  `sender=${long}`,
  `subject=${"y".repeat(200)}`,
  `subject=%20${"y".repeat(200)}%20`,
  "after=2026-1-1",
  "after=2026-11-01T00:00",
  "before=yesterday",
  `cursor=${"c".repeat(500)}`,
  `cursor=${"c".repeat(501)}`,
  "cursor=%20spaced%20",
  "unknown=1&__proto__=x&constructor=y",
  "subject=%E2%9C%93&sender=%F0%9F%98%80",
];

describe("parseEmailFilters", () => {
  it.each(queries)("reads %j as the server's emailFiltersSchema does", (query) => {
    const raw = Object.fromEntries(new URLSearchParams(query));
    expect(parseEmailFilters(raw)).toEqual(emailFiltersSchema.parse(raw));
  });
});
