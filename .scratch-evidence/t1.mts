import * as chrono from "chrono-node";
const ref = { instant: new Date("2025-03-10T15:00:00Z"), timezone: "UTC" };
const texts = [
  "Your appointment is on Tuesday 14 March at 3pm.",
  "We'll see you next Tuesday at three o'clock in the afternoon",
  "how about tuesday at 3 in the afternoon",
  "at 15:00 on March 14",
  "booked for 2025-03-14T15:00:00",
  "tomorrow morning at 9:30",
  "quarter past ten",
  "half past two",
  "noon on Friday",
  "I'm free this Thursday",
  "the 14th",
  "on the fourteenth",
  "call me at 555 1234",
  "$250 for 3 hours",
  "order 55512",
  "March 14th at 2:30 PM",
  "Thursday, March 13",
  "between 8 and 10am",
  "at 10",
  "two thirty",
];
for (const t of texts) {
  const r = chrono.parse(t, ref, { forwardDate: true });
  console.log(JSON.stringify(t), "=>", r.map(x => ({ i: x.index, text: x.text, s: x.start.date().toISOString(), known: Object.keys((x.start as any).knownValues), tags: [...x.tags()] , end: x.end?.date().toISOString()})));
}
