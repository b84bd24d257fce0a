// The demo's calls show what they are meant to: clean calls pass every check, the deliberate
// mistakes are caught (checked with the same engine and caller logic the dashboard uses).
import { describe, expect, it } from "vitest";
import { checkDraft } from "@/lib/evidence/check-draft";
import { checkDraftInputSchema } from "@/lib/evidence/schemas";
import { callerContact } from "@/lib/livekit/caller";
import { chatItems } from "./play-call";
import { scenarios, type CallScript } from "./scenarios";

function check(script: CallScript, now: Date) {
  const start = new Date(now.getTime() - 60_000);
  const caller = callerContact({
    identity: script.caller.identity,
    name: script.caller.name,
    kind: script.caller.kind,
    metadata: script.caller.metadata ? JSON.stringify(script.caller.metadata) : null,
    attributes: script.caller.phone ? { "sip.phoneNumber": script.caller.phone } : {},
    joinedAt: start,
  });
  const input = checkDraftInputSchema.parse({
    draft: { to: script.email.to, subject: script.email.subject, markdown: script.email.markdown },
    transcript: script.live ? null : chatItems(script, start),
    callStartedAt: start.getTime() / 1000,
    caller,
    agent: { note: script.email.agentNote ?? null, confidence: script.email.confidence ?? null, evidenceItemIds: script.email.evidence },
  });
  return checkDraft(input).findings.map((f) => `${f.kind}:${f.status}:${f.text}`);
}

// Every weekday of a week, so relative dates ("next Tuesday") are exercised from each day.
const mondays = [0, 1, 2, 3, 4, 5, 6].map((d) => new Date(Date.UTC(2026, 10, 23 + d, 14, 30)));

describe.each(mondays.map((d) => [d.toUTCString().slice(0, 3), d] as const))("the demo's calls on a %s", (_day, now) => {
  const byKey = new Map(scenarios(now).map((s) => [s.key, s]));
  const findings = (key: string) => check(byKey.get(key)!, now);
  const problems = (key: string) => findings(key).filter((f) => /:(unsupported|mismatch|unknown):/.test(f));

  it("the dental and restaurant calls are clean", () => {
    expect(problems("dental")).toEqual([]);
    expect(problems("restaurant")).toEqual([]);
  });

  it("the SSO caller spelled their address, and only the draft's tracking image was never mentioned", () => {
    expect(findings("sso")).toContain("recipient:supported:priya@startup.example");
    expect(problems("sso")).toEqual(["url:unsupported:https://tracker.example.com/pixel.png"]);
  });

  it("the plumbing email's 9 AM was never said on the call", () => {
    expect(problems("plumbing")).toEqual([expect.stringMatching(/^(date|time):unsupported:.*9 AM$/)]);
    expect(findings("plumbing")[0]).toMatch(/^agent_note:info:/);
  });

  it("the claims email goes to the wrong recipient", () => {
    expect(problems("claims")).toEqual(["recipient:mismatch:claims@wrong-insurer.example"]);
  });

  it("the call still in progress cannot be checked yet", () => {
    expect(problems("auto").every((f) => f.includes(":unknown:"))).toBe(true);
    expect(findings("auto")).toContain("recipient:supported:lee.chen@example.com");
  });
});
