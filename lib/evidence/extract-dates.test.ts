import { describe, expect, it } from "vitest";

import { extractDates } from "./extract-dates";

// Monday 10 March 2025, 09:00 in Denver.
const context = { referenceDate: new Date("2025-03-10T15:00:00Z"), timeZone: "America/Denver" };

function read(text: string, ctx = context) {
  return extractDates(text, ctx).map((m) => ({
    text: m.text,
    kind: m.kind,
    day: m.day ? `${m.day.year}-${m.day.month}-${m.day.day}` : null,
    time: m.time ? `${m.time.hour}:${String(m.time.minute).padStart(2, "0")}${m.time.meridiemCertain ? "" : "?"}` : null,
    end: m.endTime ? `${m.endTime.hour}:${String(m.endTime.minute).padStart(2, "0")}` : null,
  }));
}

describe("extractDates", () => {
  it("keeps a date and its time as one mention, without the leading preposition", () => {
    expect(read("See you on Friday, March 14 at 3:00 PM.")).toEqual([{ text: "Friday, March 14 at 3:00 PM", kind: "date", day: "2025-3-14", time: "15:00", end: null }]);
  });

  it("resolves a bare weekday to the next such day after the call", () => {
    expect(read("Tuesday works")[0]).toMatchObject({ kind: "weekday", day: "2025-3-11" });
    expect(read("next Tuesday")[0]).toMatchObject({ kind: "weekday", day: "2025-3-18" });
  });

  it("reads past phrases backwards", () => {
    expect(read("I was rear-ended last Tuesday")[0]).toMatchObject({ day: "2025-3-4" });
  });

  it("keeps this year for a past date whose weekday says so", () => {
    expect(read("the accident on Tuesday, March 4")[0]).toMatchObject({ day: "2025-3-4" });
    expect(read("on March 4")[0]).toMatchObject({ day: "2026-3-4" }); // no weekday: forward
  });

  it("reads 'the 18th' after a weekday or a preposition, not 'the 2nd floor'", () => {
    expect(read("Tuesday the 18th at 3")).toEqual([{ text: "Tuesday the 18th at 3", kind: "date", day: "2025-3-18", time: "3:00?", end: null }]);
    expect(read("by the 21st, please")[0]).toMatchObject({ text: "the 21st", day: "2025-3-21" });
    expect(read("on the 2nd floor")).toEqual([]);
  });

  it("reads time ranges, sharing the meridiem", () => {
    expect(read("between 8 and 10 am")[0]).toMatchObject({ kind: "time", time: "8:00", end: "10:00" });
    expect(read("8-10 AM")[0]).toMatchObject({ time: "8:00", end: "10:00" });
    expect(read("1-3 PM")[0]).toMatchObject({ time: "13:00", end: "15:00" });
  });

  it("marks a time without am/pm as uncertain", () => {
    expect(read("at 10:30")[0]).toMatchObject({ kind: "time", time: "10:30?" });
    expect(read("at noon")[0]).toMatchObject({ time: "12:00" });
  });

  it("ignores durations, lone abbreviations, months alone and fractions", () => {
    expect(read("it takes 3 hours, give us a second")).toEqual([]);
    expect(read("Sun exposure. Mon.")).toEqual([]);
    expect(read("sometime in May")).toEqual([]);
    expect(read('replace the 3/4" supply line')).toEqual([]);
  });

  it("reads the day in the call's time zone", () => {
    // 05:30 UTC on 11 March is still 10 March in Denver.
    const late = { referenceDate: new Date("2025-03-11T05:30:00Z"), timeZone: "America/Denver" };
    expect(read("tomorrow", late)[0]).toMatchObject({ day: "2025-3-11" });
    expect(read("tomorrow", { ...late, timeZone: "UTC" })[0]).toMatchObject({ day: "2025-3-12" });
    expect(read("tomorrow", { ...late, timeZone: "Not/AZone" })[0]).toMatchObject({ day: "2025-3-12" });
  });
});

describe("extractDates, several mentions", () => {
  it("finds every 'the Nth' in a text", () => {
    expect(read("either on the 3rd or on the 18th at 9am").map((m) => [m.text, m.day, m.time])).toEqual([
      ["the 3rd", "2025-4-3", null],
      ["the 18th at 9am", "2025-3-18", "9:00"],
    ]);
  });
});
