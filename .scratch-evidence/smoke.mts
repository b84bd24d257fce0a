import { checkDraft } from "../lib/evidence/check-draft";
import { tokenize, extractSpokenEmails, spellsOut } from "../lib/evidence/spoken-tokens";
import { normaliseSpokenText } from "../lib/evidence/spoken";
const t0 = 1741618800; // 2025-03-10T15:00:00Z Monday
const transcript = [
  { id: "item_a1", type: "message", role: "assistant", content: ["Thanks for calling Bright Smile Dental, how can I help?"], interrupted: false, created_at: t0 + 1.2 },
  { id: "item_a2", type: "message", role: "user", content: ["Hi, I'd like a cleaning. Is Friday at three o'clock in the afternoon possible?"], interrupted: false, created_at: t0 + 12.5 },
  { id: "item_a3", type: "function_call", call_id: "call_1", name: "book_appointment", arguments: "{\"date\":\"2025-03-14\",\"time\":\"15:00\"}", created_at: t0 + 20 },
  { id: "item_a4", type: "function_call_output", call_id: "call_1", name: "book_appointment", output: "{\"status\":\"booked\",\"confirmation\":\"BSD-48213\",\"starts_at\":\"2025-03-14T15:00:00\",\"price\":\"$120.00\"}", is_error: false, created_at: t0 + 21 },
  { id: "item_a5", type: "message", role: "assistant", content: ["You're booked for Friday March 14th at 3pm. The cleaning is one hundred twenty dollars. What's your email?"], interrupted: false, created_at: t0 + 30 },
  { id: "item_a6", type: "message", role: "user", content: ["it's j o h n dot smith at gmail dot com and my cell is four one five, five five five, oh one three two"], interrupted: false, created_at: t0 + 102 },
];
for (const s of ["it's j o h n dot smith at gmail dot com and my cell is four one five, five five five, oh one three two", "Is Friday at three o'clock in the afternoon possible? two hundred and fifty dollars", "half past two on the eighteenth"]) {
  console.log(normaliseSpokenText(s));
  console.log(extractSpokenEmails(tokenize(s)));
}
const r = checkDraft({
  draft: { to: ["john.smith@gmail.com", "Jon <jon@x.com>"], subject: "Your cleaning on Friday, March 14", markdown: "Hi John,\n\nYou're booked for **Friday 14 March at 3:00 PM** (confirmation BSD-48213). The fee is $120, or $150 with x-rays. Call us at (415) 555-0123 or visit https://brightsmile.dental/book. Reply to john.smith@gmail.com. Tuesday, March 14 works too. Order #A1234 and see you at 4pm." },
  transcript: transcript as any,
  caller: { phone: "+14155550132" },
  agent: { confidence: 0.6, note: "Caller unsure about x-rays" },
  timeZone: "America/Los_Angeles",
});
for (const f of r.findings) console.log(f.id, f.status, JSON.stringify(f.text), "|", f.message, f.turnIds.join(","));
console.log(r.counts, r.recipientOk);
