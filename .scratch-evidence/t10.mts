import { extractClaims } from "../lib/evidence/extract-claims";
const ctx = { referenceDate: new Date("2025-03-10T16:00:00Z"), timeZone: "UTC" };
for (const t of ["**Friday**, March 14 at **3pm**", "Date: *Friday 14 March*", "- **When:** Friday at 3pm\n- **Cost:** $250", "| Fri 3/14 | 3:00 PM |", "Call 1-800-555-0199 (toll free) or email help@x.io", "Suite 200, 1234 Main St, Austin, TX 78701", "Your appointment is at 10:30. See you then!", "Open Mon–Fri 8am–6pm", "We're open 24/7", "COVID-19 protocols apply", "version 2.5.1 released", "ISO 9001 certified", "Invoice INV-0042 for 3 hours of labour at $95/hr"])
  console.log(JSON.stringify(t), "=>", JSON.stringify(extractClaims(t, ctx).map(c => [c.kind, c.text])));
