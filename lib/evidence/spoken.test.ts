import { describe, expect, it } from "vitest";

import { clockPhrasesToTimes, composeNumbers, normaliseSpokenText, numberWordsToDigits } from "./spoken";

describe("composeNumbers", () => {
  it.each([
    [["two", "hundred", "and", "fifty"], ["250"]],
    [
      ["four", "one", "five"],
      ["4", "1", "5"],
    ],
    [["twenty", "five", "hundred"], ["2500"]],
    [["two", "thousand", "five", "hundred"], ["2500"]],
    [
      ["nineteen", "ninety", "five"],
      ["19", "95"],
    ],
    [["twenty", "first"], ["21st"]],
    [["eighteenth"], ["18th"]],
    [
      ["double", "five"],
      ["5", "5"],
    ],
    [
      ["five", "oh", "one"],
      ["5", "0", "1"],
    ],
  ])("%j → %j", (words, expected) => {
    expect(composeNumbers(words)).toEqual(expected);
  });
});

describe("numberWordsToDigits", () => {
  it.each([
    ["it was twenty four hundred dollars", "it was 2400 dollars"],
    ["a hundred and fifty bucks", "150 bucks"],
    ["call four one five, five five five, oh one three two", "call 4 1 5 5 5 5 0 1 3 2"],
    ["kramirez seventy seven at hotmail", "kramirez 77 at hotmail"],
    ["Tuesday the eighteenth", "Tuesday the 18th"],
    ["twenty-five people", "25 people"],
    ["oh, that's fine", "oh, that's fine"],
    ["three o'clock", "3 o'clock"],
    ["someone and anyone", "someone and anyone"],
  ])("%s", (input, expected) => {
    expect(numberWordsToDigits(input)).toBe(expected);
  });
});

describe("clockPhrasesToTimes", () => {
  it.each([
    ["half past 10", "10:30"],
    ["a quarter past 2", "2:15"],
    ["quarter to 4", "3:45"],
    ["quarter to 1", "12:45"],
    ["7 30 am", "7:30 am"],
    ["at 4 15", "at 4:15"],
    ["3 o'clock in the afternoon", "3 pm"],
    ["9 in the morning", "9 am"],
  ])("%s → %s", (input, expected) => {
    expect(clockPhrasesToTimes(input)).toBe(expected);
  });
});

describe("normaliseSpokenText", () => {
  it("turns a spoken appointment into something chrono reads", () => {
    expect(normaliseSpokenText("Tuesday the eighteenth at half past ten in the morning")).toBe("Tuesday the 18th at 10:30 am");
    expect(normaliseSpokenText("seven thirty pm")).toBe("7:30 pm");
  });
});
