import * as chrono from "chrono-node";
const ref = { instant: new Date("2025-03-10T15:00:00Z"), timezone: -420 };
const texts = [
  "You may want to bring your insurance card. We need a second opinion. Sun exposure. Mon.",
  "3 o'clock in the afternoon", "3 p.m.", "3 PM", "at 2 30 pm", "at 2:30", "8-10am", "from 8 to 10 am", "in 3 days", "within 48 hours",
  "Tuesday the 11th", "on the 11th", "March 3rd", "last Tuesday", "2025-03-14", "03/14", "3/14/2025", "14/03/2025",
  "Tuesday, March 14", "REF-2025-03", "order #2025-0314", "$250", "call (415) 555-0132", "555-0132", "2 hours", "Friday morning", "this afternoon at 4", "4:45pm", "noon", "midnight", "12pm",
  "Tue 11 Mar", "next week", "end of the month", "10 o'clock", "ten thirty", "at 10.30am",
];
for (const t of texts) {
  const r = chrono.parse(t, ref, { forwardDate: true });
  console.log(JSON.stringify(t), "=>", JSON.stringify(r.map(x => ({ i: x.index, text: x.text, y: x.start.get("year"), mo: x.start.get("month"), d: x.start.get("day"), h: x.start.get("hour"), mi: x.start.get("minute"), known: Object.keys((x.start as any).knownValues).join(","), tags: [...x.tags()].filter(t=>t.startsWith("result")||t.startsWith("casual")).join(","), end: x.end ? `${x.end.get("hour")}:${x.end.get("minute")}`: undefined}))));
}
