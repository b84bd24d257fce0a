// The queue's stored count and the review page's summary are one reading of the same report.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDraft } from "@/lib/evidence/check-draft";
import { checkDraftInputSchema } from "@/lib/evidence/schemas";
import { problemsLabel, summarizeEvidence } from "@/lib/evidence/summarize-evidence";
import { countFindings } from "./item-evidence";

const directory = new URL("../evidence/corpus/", import.meta.url);
const corpus = readdirSync(directory)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => {
    const raw = JSON.parse(readFileSync(new URL(file, directory), "utf8")) as { name: string; input: unknown };
    return [raw.name, checkDraftInputSchema.parse(raw.input)] as const;
  });

describe("the queue's count and the review page's summary", () => {
  it.each(corpus)("agree on %s", (_name, input) => {
    const report = checkDraft(input);
    const queueWords = problemsLabel(countFindings(report));
    const reviewLine = summarizeEvidence(report).label;
    expect(reviewLine.split(" · ")[0]).toBe(queueWords);

    // What the review page lists as problems: every specific or recipient marked in red, each once.
    const red = report.findings.filter((f) => f.status === "unsupported" || f.status === "mismatch" || (f.kind === "recipient" && f.needsConfirmation));
    expect(countFindings(report)).toBe(red.length);
  });

  it("covers problems, agent notes and unchecked specifics somewhere in the corpus", () => {
    const summaries = corpus.map(([, input]) => summarizeEvidence(checkDraft(input)));
    expect(summaries.some((s) => s.problems > 0)).toBe(true);
    expect(summaries.some((s) => s.notes > 0)).toBe(true);
    expect(summaries.some((s) => s.unverified > 0)).toBe(true);
  });
});
