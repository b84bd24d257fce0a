import { findPhoneNumbersInText } from "libphonenumber-js";
for (const t of ["Call (415) 555-0132, 212-555-0199 or +44 20 7946 0958.", "call (555) 123-4567, 415 555 0132", "at (720) 555-0174 when", "4155550132, 12 people"]) {
  console.log(t);
  console.log(" valid", JSON.stringify(findPhoneNumbersInText(t, { defaultCountry: "US" }).map(n => [t.slice(n.startsAt, n.endsAt), n.number.number, n.number.ext])));
  console.log(" ext  ", JSON.stringify(findPhoneNumbersInText(t, { defaultCountry: "US", extended: true }).map(n => [t.slice(n.startsAt, n.endsAt), n.number.number, n.number.ext])));
}
