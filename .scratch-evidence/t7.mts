import { extractReferences } from "../lib/evidence/extract-references";
import { extractPhones } from "../lib/evidence/extract-contacts";
import { extractMoney } from "../lib/evidence/extract-money";
import { extractClaims } from "../lib/evidence/extract-claims";
console.log(extractReferences("work order #55512"), extractReferences("Case #12345 opened"));
console.log(extractPhones("Call (415) 555-0132, 212-555-0199 or +44 20 7946 0958."));
console.log(extractMoney("$250 USD"));
console.log(extractClaims("Call (415) 555-0132 about $250 for REF-77 booking XY-9921 on March 14", { referenceDate: new Date(), timeZone: "UTC" }).map(c => [c.kind, c.text]));
