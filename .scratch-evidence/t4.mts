import * as chrono from "chrono-node";
const ref = { instant: new Date("2025-03-10T15:00:00Z"), timezone: -420 }; // Monday
for (const t of ["last Tuesday", "past Friday", "yesterday", "last week", "previous Monday", "this past Tuesday"]) for (const fd of [false,true]) {
  const r = chrono.parse(t, ref, { forwardDate: fd });
  console.log(fd, JSON.stringify(t), "=>", JSON.stringify(r.map(x => ({ text: x.text, d: `${x.start.get("year")}-${x.start.get("month")}-${x.start.get("day")} ${x.start.get("hour")}`, tags:[...x.tags()]}))));
}
import { findNumbers, findPhoneNumbersInText, parsePhoneNumberFromString } from "libphonenumber-js";
for (const t of ["call (415) 555-0132 today", "415-555-0132", "+1 415 555 0132", "(555) 123-4567", "4155550132", "555-0132", "order 5551234567", "call 212-555-0199 or 1-800-555-0199", "0207 946 0958", "+44 20 7946 0958", "415 555 0132 ext 12", "(512) 555-0147", "my number is 6 4 6 5 5 5 0 1 2 3"]) {
  console.log(t, JSON.stringify(findNumbers(t, { defaultCountry: "US", v2: true }).map(n => [n.number.number, n.startsAt, n.endsAt])), JSON.stringify(findPhoneNumbersInText(t, {defaultCountry:"US", extended: true}).map(n => [n.number.number, n.startsAt, n.endsAt])));
}
console.log(parsePhoneNumberFromString("+14155550132")?.isValid(), parsePhoneNumberFromString("+15551234567")?.isValid(), parsePhoneNumberFromString("+12125550199")?.isValid());
