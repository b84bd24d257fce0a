import { describe, expect, it } from "vitest";

import { checkDraft } from "./check-draft";
import type { Finding } from "./schemas";
import type { TranscriptItem } from "./transcript";

const START = 1_741_622_400; // Monday 2025-03-10T16:00:00Z

function say(id: string, role: "user" | "assistant", text: string, second: number): TranscriptItem {
  return { id, type: "message", role, content: [text], interrupted: false, created_at: START + second };
}

function toolOutput(id: string, name: string, output: unknown, second: number): TranscriptItem {
  return { id, type: "function_call_output", call_id: `call_${id}`, name, output: JSON.stringify(output), is_error: false, created_at: START + second };
}

function check(markdown: string, transcript: TranscriptItem[] | null, caller: { phone?: string; email?: string } = {}): Finding[] {
  return checkDraft({
    draft: { to: [], subject: "", markdown },
    transcript,
    callStartedAt: START,
    caller,
    timeZone: "UTC",
  }).findings;
}

const brief = (findings: Finding[]) => findings.map((f) => [f.kind, f.status, f.text]);

describe("dates and times", () => {
  it("matches a weekday said on the call to the date written in the draft", () => {
    const [finding] = check("See you March 14 at 3pm.", [say("item_u1", "user", "Could I come Friday at three o'clock in the afternoon?", 102)]);
    expect(finding).toMatchObject({
      kind: "date",
      status: "supported",
      text: "March 14 at 3pm",
      message: "14 March, 3:00 pm — said by the caller at 01:42",
      turnIds: ["item_u1"],
    });
  });

  it("accepts a day and a time said apart when nothing pairs them differently", () => {
    const transcript = [say("item_u1", "user", "Friday please", 10), say("item_a1", "assistant", "3pm works", 14)];
    expect(check("Friday, March 14 at 3pm", transcript)[0]).toMatchObject({ status: "supported", turnIds: ["item_u1", "item_a1"] });
  });

  it("rejects a day and a time the call paired with something else", () => {
    const transcript = [say("item_a1", "assistant", "Wednesday at 9:40 am or Thursday at 2:15 pm?", 10)];
    const [finding] = check("Wednesday, March 12 at 2:15 PM", transcript);
    expect(finding).toMatchObject({ status: "unsupported", turnIds: [] });
    expect(finding?.message).toBe(
      "not said on the call (read as Wednesday 12 March, 2:15 pm); the call paired that day and time differently: Wednesday 12 March, 9:40 am at 00:10; Thursday 13 March, 2:15 pm at 00:10",
    );
  });

  it("says which part was said when only the day matches", () => {
    const [finding] = check("Friday at 4pm", [say("item_u1", "user", "Friday at 3pm?", 10)]);
    expect(finding?.message).toBe(
      "not said on the call: the day was said (said by the caller at 00:10) but not the time 4:00 pm (read as Friday 14 March, 4:00 pm); the call mentioned 3:00 pm at 00:10",
    );
  });

  it("flags a weekday that does not fall on its date", () => {
    const [finding] = check("Tuesday, March 14", [say("item_u1", "user", "March 14 please", 10)]);
    expect(finding).toMatchObject({
      status: "mismatch",
      message: "Tuesday does not fall on 14 March: that day is a Friday",
      turnIds: ["item_u1"],
    });
  });

  it("lets a draft say today or tomorrow only where the call did", () => {
    expect(check("See you tomorrow at 9am.", [say("item_u1", "user", "Tomorrow at nine in the morning works", 10)])[0]).toMatchObject({
      kind: "date",
      status: "supported",
      message: "Tuesday 11 March, 9:00 am — said by the caller at 00:10",
    });
    // The call named the day; the email may be read on another one.
    const [named] = check("See you tomorrow at 9am.", [say("item_u1", "user", "March 11 at 9am works", 10)]);
    expect(named).toMatchObject({ status: "unsupported", turnIds: [] });
    expect(named?.message).toBe(
      "not said on the call as “tomorrow”: the call said that day differently (Tuesday 11 March, 9:00 am — said by the caller at 00:10); “tomorrow” in an email means the day it is read, so write the date",
    );
    // Never said at all.
    const [unsaid] = check("Thanks for calling today.", [say("item_u1", "user", "I need a plumber", 10)]);
    expect(unsaid).toMatchObject({ text: "today", status: "unsupported" });
    expect(unsaid?.message).toBe("not said on the call (read as Monday 10 March); “today” in an email means the day it is read, not the day of the call");
    // The same word, not just the same day: the call's "tonight" does not make the draft's "today".
    expect(brief(check("Thanks for calling today. We'll be there tonight.", [say("item_u1", "user", "Can you come tonight?", 10)]))).toEqual([
      ["date", "unsupported", "today"],
      ["date", "supported", "tonight"],
    ]);
  });

  it("allows an unsaid am/pm either way", () => {
    expect(check("at 3:00 PM", [say("item_u1", "user", "at 3 works", 5)])[0]).toMatchObject({ kind: "time", status: "supported" });
    expect(check("at 4:00 PM", [say("item_u1", "user", "at 3 works", 5)])[0]).toMatchObject({ status: "unsupported" });
  });
});

describe("other specifics", () => {
  it("names a tool output as the evidence", () => {
    const transcript = [toolOutput("item_t1", "book_appointment", { confirmation: "REF-48213" }, 130)];
    expect(check("Confirmation REF-48213.", transcript)[0]).toMatchObject({
      kind: "reference",
      status: "supported",
      message: "REF-48213 — in the book_appointment tool output at 02:10",
      turnIds: ["item_t1"],
    });
  });

  it("ignores tool arguments and failed tool calls", () => {
    const transcript: TranscriptItem[] = [
      { id: "item_c1", type: "function_call", call_id: "c1", name: "book", arguments: '{"ref":"REF-48213"}', created_at: START + 5 },
      { id: "item_o1", type: "function_call_output", call_id: "c1", name: "book", output: "REF-48213 failed", is_error: true, created_at: START + 6 },
    ];
    expect(check("REF-48213", transcript)[0]).toMatchObject({ status: "unsupported", message: "not said on the call" });
  });

  it("accepts a code said without its letter prefix", () => {
    expect(check("REF-48213", [say("item_a1", "assistant", "your reference is four eight two one three", 5)])[0]).toMatchObject({
      status: "supported",
      message: 'REF-48213 (as "48213") — said by the agent at 00:05',
    });
  });

  it.each([
    ["letter by letter", say("item_a1", "assistant", "Your reference is A D dash D zero nine zero seven seven.", 5)],
    ["with oh for zero", say("item_u1", "user", "so that's A D D oh nine oh seven seven?", 5)],
    ["in a tool output", toolOutput("item_t1", "book", { reference: "AD-D09077" }, 5)],
  ])("matches a code with letters after its dash said %s, through emphasis", (_how, turn) => {
    expect(check("Your reference is **AD-D09077**.", [turn])[0]).toMatchObject({ kind: "reference", status: "supported", text: "AD-D09077", turnIds: [turn.id] });
  });

  it("flags a code with letters after its dash that the call never gave", () => {
    expect(check("Your reference is **AD-D09077**.", [say("item_a1", "assistant", "Your reference is A D D zero nine zero seven eight.", 5)])[0]).toMatchObject({
      status: "unsupported",
      text: "AD-D09077",
    });
  });

  it("compares money by value and currency", () => {
    const transcript = [say("item_a1", "assistant", "that's two hundred and fifty dollars, or €90 for the add-on", 5)];
    expect(brief(check("$250.00, €90 and $90", transcript))).toEqual([
      ["money", "supported", "$250.00"],
      ["money", "supported", "€90"],
      ["money", "unsupported", "$90"],
    ]);
  });

  it("hints at the number said when a phone number differs", () => {
    const [finding] = check("Call (720) 555-0174", [say("item_u1", "user", "seven two zero, five five five, zero one four seven", 30)]);
    expect(finding?.message).toBe("not said on the call (read as (720) 555-0174); the call mentioned (720) 555-0147 at 00:30");
  });

  it("accepts the caller's own number from metadata", () => {
    expect(check("We'll call 415-555-0132", [], { phone: "+14155550132" })[0]).toMatchObject({
      status: "supported",
      message: "(415) 555-0132 — the caller's own number (sip.phoneNumber)",
      turnIds: [],
    });
  });

  it("matches spoken emails and links", () => {
    const transcript = [say("item_a1", "assistant", "write to billing at acme dot io or see acme dot io slash help", 5)];
    expect(brief(check("billing@acme.io, https://www.acme.io/help/ and acme.io/pricing", transcript))).toEqual([
      ["email", "supported", "billing@acme.io"],
      ["url", "supported", "https://www.acme.io/help/"],
      ["url", "unsupported", "acme.io/pricing"],
    ]);
  });

  it("is unknown without a transcript", () => {
    expect(check("REF-48213 on Friday for $20", null).map((f) => [f.status, f.message])).toEqual([
      ["unknown", "transcript not available yet"],
      ["unknown", "transcript not available yet"],
      ["unknown", "transcript not available yet"],
    ]);
  });
});
