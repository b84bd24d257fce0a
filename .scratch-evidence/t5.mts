import * as chrono from "chrono-node";
import { findPhoneNumbersInText } from "libphonenumber-js";
const ref = { instant: new Date("2025-03-10T15:00:00Z"), timezone: -420 };
for (const t of ["March fourteenth", "the 18th of March", "Tuesday 18th", "Tuesday the 18th", "on the eighteenth", "Friday March 14th at 10:30 AM", "10:30 a.m. on Friday", "Fri, Mar 14, 10:30am", "**Date:** Friday, 14 March 2025", "**Time:** 3:00 PM", "Mon–Fri 8am–6pm", "9am-5pm", "at 4 pm Eastern", "3pm ET", "Monday, March 17 at 3 o'clock", "the week of March 17", "by end of day Friday", "1st", "May I help? We may call. In May we"]) {
  const r = chrono.parse(t, ref, { forwardDate: true });
  console.log(JSON.stringify(t), "=>", JSON.stringify(r.map(x => ({ i:x.index, text: x.text, d: `${x.start.get("year")}-${x.start.get("month")}-${x.start.get("day")} ${x.start.get("hour")}:${x.start.get("minute")}`, known: Object.keys((x.start as any).knownValues).join(","), end: x.end ? `${x.end.get("day")} ${x.end.get("hour")}:${x.end.get("minute")}`: undefined}))));
}
for (const t of ["4 1 5, 5 5 5, 0 1 3 2", "415, 555, 0132", "4 15 5 5 5 0 1 3 2", "four one five", "it's 415 555 0123 thanks", "+1 (415) 555-0132."])
  console.log(t, JSON.stringify(findPhoneNumbersInText(t, {defaultCountry:"US", extended:true}).map(n => [n.number.number, n.startsAt, n.endsAt])));
