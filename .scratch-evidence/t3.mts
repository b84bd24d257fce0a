import * as chrono from "chrono-node";
const ref = { instant: new Date("2025-03-12T15:00:00Z"), timezone: -420 }; // Wednesday
const texts = ["Monday","Tuesday","Wednesday","Thursday","Friday","Saturday","Sunday","next Tuesday","last Tuesday","this Friday","March 3rd","March 20","tomorrow","the day after tomorrow", "on Monday at 9", "Monday the 17th", "Monday, March 17th"];
for (const fd of [false, true]) for (const t of texts) {
  const r = chrono.parse(t, ref, { forwardDate: fd });
  console.log(fd, JSON.stringify(t), "=>", JSON.stringify(r.map(x => ({ text: x.text, d: `${x.start.get("year")}-${x.start.get("month")}-${x.start.get("day")} ${x.start.get("hour")}`}))));
}
