import { readdirSync, readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";
import { z } from "zod";

import { checkDraft } from "./check-draft";
import { checkDraftInputSchema, evidenceReportSchema, findingKindSchema, findingStatusSchema } from "./schemas";

const corpusCaseSchema = z.object({
  name: z.string(),
  domain: z.string(),
  summary: z.string(),
  input: checkDraftInputSchema,
  /** Every finding, in report order: agent note, recipients, then specifics as they appear. */
  expected: z.array(z.object({ kind: findingKindSchema, status: findingStatusSchema, text: z.string() })),
});

const directory = new URL("./corpus/", import.meta.url);
const cases = readdirSync(directory)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => corpusCaseSchema.parse(JSON.parse(readFileSync(new URL(file, directory), "utf8"))));

describe("evidence corpus", () => {
  it("has at least a dozen realistic calls", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(new Set(cases.map((c) => c.domain)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, corpusCase) => {
    const report = evidenceReportSchema.parse(checkDraft(corpusCase.input));

    expect(report.findings.map(({ kind, status, text }) => ({ kind, status, text }))).toEqual(corpusCase.expected);

    // Offsets point at the text they claim, so the UI can highlight them.
    for (const finding of report.findings) {
      if (finding.part === null) continue;
      const source = finding.part === "subject" ? corpusCase.input.draft.subject : corpusCase.input.draft.markdown;
      expect(source.slice(finding.start ?? -1, finding.end ?? -1)).toBe(finding.text);
    }
    // Supported specifics name the turns behind them; unsupported and unknown ones name none.
    for (const finding of report.findings.filter((f) => f.kind !== "recipient" && f.kind !== "agent_note")) {
      if (finding.status === "supported") expect(finding.turnIds).not.toEqual([]);
      if (finding.status === "unsupported" || finding.status === "unknown") expect(finding.turnIds).toEqual([]);
    }
    expect(report.transcriptAvailable).toBe(corpusCase.input.transcript !== null);
  });
});
