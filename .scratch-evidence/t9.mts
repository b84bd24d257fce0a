import { findPhoneNumbersInText } from "libphonenumber-js";
for (const ch of ["\n", "|", ";", "/", "\u2063", "~"]) {
  const t = "Call (415) 555-0132, 212-555-0199 or 4155550132, 12 people. Call 5 1 2, 5 5 5, 0 1 4 7".replace(/,/g, ch);
  console.log(JSON.stringify(ch), JSON.stringify(findPhoneNumbersInText(t, { defaultCountry: "US", extended: true }).map(n => [t.slice(n.startsAt, n.endsAt), n.number.number, n.number.ext])));
}
