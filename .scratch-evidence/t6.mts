import { extractDates } from "../lib/evidence/extract-dates";
const ctx = { referenceDate: new Date("2025-03-18T13:45:00Z"), timeZone: "America/Denver" };
for (const t of ["We can have a tech there tomorrow between 8 and 10 am. A drain", "on Wednesday, March 19 between 8 and 10 AM.", "between 11 and 1 pm", "Tuesday the 18th at 3", "on the 2nd floor", "by the 21st, please", "between 8:30am and 10am", "Drain cleaning tomorrow, 8-10 AM"])
  console.log(t, JSON.stringify(extractDates(t, ctx).map(m => [m.text, m.kind, m.day && `${m.day.year}-${m.day.month}-${m.day.day}`, m.time && `${m.time.hour}:${m.time.minute}${m.time.meridiemCertain?"!":"?"}`, m.endTime && `${m.endTime.hour}:${m.endTime.minute}${m.endTime.meridiemCertain?"!":"?"}`])));
