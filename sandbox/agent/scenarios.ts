// Whole calls the simulated voice agent plays: who called, what was said and done (chat_history
// turns and tool calls), and the follow-up email the agent drafted — some with deliberate mistakes
// (a wrong recipient, a time never said) so the evidence checks have something to show.
// Dates are relative to "now", so "next Tuesday" in the call and in the email agree.

export type Turn =
  | { id: string; at: number; who: "agent" | "caller"; text: string; interrupted?: boolean }
  | { id: string; at: number; tool: string; args: Record<string, unknown>; output: Record<string, unknown> | string };

export interface CallScript {
  key: string;
  mailbox: "followups" | "support";
  roomName: string;
  agentName: string;
  caller: { identity: string; name: string; kind: "SIP" | "STANDARD"; metadata?: Record<string, unknown>; phone?: string };
  turns: Turn[];
  email: { to: string[]; subject: string; markdown: string; agentNote?: string; confidence?: number; evidence: string[] };
  /** When the email is sent relative to the transcript upload (both orders must link). */
  order: "email-first" | "transcript-first";
  recording?: boolean;
  /** Still in progress at the end of the demo: the room stays live and the transcript pending. */
  live?: boolean;
  /** What the reviewer should catch, for the demo log. */
  mistake?: string;
}

const DAY = 86_400_000;
const longDate = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
const monthDay = new Intl.DateTimeFormat("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The next given weekday after `now` (UTC, never today), e.g. "Tuesday, March 17" and "March 17". */
function next(weekday: string, now: Date) {
  const target = WEEKDAYS.indexOf(weekday);
  const ahead = (target - now.getUTCDay() + 7) % 7 || 7;
  const date = new Date(now.getTime() + ahead * DAY);
  return { long: longDate.format(date), short: monthDay.format(date) };
}

export function scenarios(now = new Date()): CallScript[] {
  const tue = next("Tuesday", now);
  const fri = next("Friday", now);
  const sat = next("Saturday", now);
  const mon = next("Monday", now);
  return [
    {
      key: "dental",
      mailbox: "followups",
      roomName: "call-1041",
      agentName: "frontdesk",
      caller: {
        identity: "sip_+14155550142",
        name: "Maria Gonzalez",
        kind: "SIP",
        phone: "+14155550142",
        metadata: { email: "maria.gonzalez@example.com", patient_id: "P-20931" },
      },
      order: "email-first",
      recording: true,
      turns: [
        { id: "item_d01", at: 1.2, who: "agent", text: "Thanks for calling Acme Dental, this is the front desk assistant. How can I help?" },
        { id: "item_d02", at: 5.8, who: "caller", text: "Hi, I'd like to book a cleaning, ideally next Tuesday in the afternoon." },
        { id: "item_d03", at: 8.1, tool: "check_availability", args: { day: tue.short, part: "afternoon" }, output: { slots: ["3:30 PM"], dentist: "Dr. Patel" } },
        { id: "item_d04", at: 9.4, who: "agent", text: `Dr. Patel has ${tue.long} at 3:30 PM. Shall I book that?` },
        { id: "item_d05", at: 13.0, who: "caller", text: "Yes, 3:30 on Tuesday is perfect." },
        { id: "item_d06", at: 14.2, tool: "book_appointment", args: { slot: "3:30 PM", day: tue.short }, output: { booked: true, confirmation: "AD-7731" } },
        {
          id: "item_d07",
          at: 15.5,
          who: "agent",
          text: "You're booked, confirmation AD-7731. Please arrive ten minutes early and bring your insurance card. To reschedule, call (415) 555-0142.",
        },
        { id: "item_d08", at: 22.9, who: "caller", text: "Great, can you email me that?" },
        { id: "item_d09", at: 24.0, who: "agent", text: "Of course, I'll send it to the address on your file. Have a good day!" },
      ],
      email: {
        to: ["maria.gonzalez@example.com"],
        subject: `Your cleaning appointment on ${tue.long} at 3:30 PM`,
        markdown: `Hi Maria,\n\nThanks for calling Acme Dental. As discussed, your cleaning with **Dr. Patel** is booked for **${tue.long} at 3:30 PM** (confirmation **AD-7731**).\n\n- Please arrive 10 minutes early.\n- Bring your insurance card.\n\nIf you need to reschedule, call us at (415) 555-0142.\n\nBest,\nAcme Dental`,
        confidence: 0.93,
        evidence: ["item_d04", "item_d05", "item_d06"],
      },
    },
    {
      key: "plumbing",
      mailbox: "followups",
      roomName: "call-1042",
      agentName: "dispatch",
      caller: { identity: "web-jokafor", name: "James Okafor", kind: "STANDARD", metadata: { email: "j.okafor@example.net" } },
      order: "transcript-first",
      mistake: "the email says 9 AM; the caller agreed to 10 AM",
      turns: [
        { id: "item_p01", at: 0.8, who: "agent", text: "BrightFlow Plumbing, how can I help you today?" },
        { id: "item_p02", at: 4.5, who: "caller", text: "My 40-gallon water heater is leaking. How much is a replacement?" },
        { id: "item_p03", at: 7.2, tool: "quote_job", args: { job: "water_heater_40gal" }, output: { total_usd: 1280, includes: "parts and labour" } },
        { id: "item_p04", at: 8.6, who: "agent", text: "A replacement is $1,280, parts and labour included. We could come Friday at", interrupted: true },
        { id: "item_p05", at: 11.0, who: "caller", text: "Friday could work, but not too early. Maybe ten?" },
        { id: "item_p06", at: 13.1, who: "agent", text: "Friday at 10 AM it is." },
        { id: "item_p07", at: 15.9, who: "caller", text: "Hmm, I think so. Let me check and reply to the email." },
      ],
      email: {
        to: ["j.okafor@example.net"],
        subject: "Estimate for your water heater replacement",
        markdown: `Hello James,\n\nFollowing up on your call: replacing the 40-gallon water heater is estimated at **$1,280**, parts and labour included. Our technician can come on **${fri.long} at 9 AM**.\n\nReply to this email to confirm and we will lock in the slot.\n\nKind regards,\nBrightFlow Plumbing`,
        agentNote: "Caller was unsure about Friday; please double-check the day.",
        confidence: 0.62,
        evidence: ["item_p04", "item_p06"],
      },
    },
    {
      key: "sso",
      mailbox: "support",
      roomName: "support-88",
      agentName: "support",
      caller: { identity: "web-priya", name: "Priya Raman", kind: "STANDARD" },
      order: "transcript-first",
      recording: true,
      turns: [
        { id: "item_s01", at: 1.0, who: "agent", text: "Hi, you've reached support. What can I do for you?" },
        { id: "item_s02", at: 4.0, who: "caller", text: "We want to turn on single sign-on for our workspace." },
        { id: "item_s03", at: 6.3, tool: "open_ticket", args: { topic: "sso" }, output: { ticket: "CASE-48213" } },
        { id: "item_s04", at: 7.5, who: "agent", text: "I've opened case CASE-48213. Where should I send the setup steps?" },
        { id: "item_s05", at: 11.2, who: "caller", text: "To priya at startup dot example. That's p r i y a at startup dot example." },
        { id: "item_s06", at: 16.0, who: "agent", text: "Got it, I'll email the steps to priya@startup.example." },
      ],
      email: {
        to: ["priya@startup.example"],
        subject: "Next steps for your SSO setup",
        markdown:
          "Hi Priya,\n\nAs promised on the call, here are the next steps to enable single sign-on:\n\n1. Open **Settings → Security**.\n2. Paste your IdP metadata URL.\n3. Test with one account before enforcing it.\n\nYour ticket reference is **CASE-48213**. ![diagram](https://tracker.example.com/pixel.png)\n\nThanks,\nSupport",
        evidence: ["item_s03", "item_s05"],
      },
    },
    {
      key: "restaurant",
      mailbox: "followups",
      roomName: "call-1044",
      agentName: "host",
      caller: { identity: "sip_+13125550177", name: "Tom Becker", kind: "SIP", phone: "+13125550177", metadata: { email: "tom.becker@example.org" } },
      order: "email-first",
      turns: [
        { id: "item_r01", at: 0.9, who: "agent", text: "La Piazza, how can I help?" },
        { id: "item_r02", at: 3.7, who: "caller", text: "A table for four on Saturday at seven, please. It's a birthday." },
        { id: "item_r03", at: 6.2, tool: "reserve_table", args: { party: 4, time: "19:00", day: sat.short }, output: { reserved: true } },
        { id: "item_r04", at: 7.1, who: "agent", text: `Done: a table for 4 on ${sat.long} at 7:00 PM. I've noted the birthday cake.` },
      ],
      email: {
        to: ["tom.becker@example.org"],
        subject: `Your table for 4 on ${sat.long} at 7 PM`,
        markdown: `Hi Tom,\n\nYour table for **4 people** is confirmed for **${sat.long} at 7:00 PM**. We have noted the birthday cake request.\n\nSee you soon,\nLa Piazza`,
        confidence: 0.9,
        evidence: ["item_r02", "item_r04"],
      },
    },
    {
      key: "claims",
      mailbox: "support",
      roomName: "claims-2207",
      agentName: "claims",
      caller: {
        identity: "sip_+16175550123",
        name: "Ngozi Adeyemi",
        kind: "SIP",
        phone: "+16175550123",
        metadata: { email: "ngozi.adeyemi@example.com", policy: "HX-55-1023" },
      },
      order: "email-first",
      recording: true,
      mistake: "the email goes to an address from the policy file, not the caller's",
      turns: [
        { id: "item_c01", at: 1.1, who: "agent", text: "Claims line. Can I have your claim number?" },
        { id: "item_c02", at: 4.9, who: "caller", text: "It's 55-1023. I sent the photos already, what else do you need?" },
        {
          id: "item_c03",
          at: 7.4,
          tool: "claim_status",
          args: { claim: "55-1023" },
          output: { missing: ["photos of the damage", "repair quote"], upload_url: "https://claims.example.com/upload" },
        },
        { id: "item_c04", at: 8.8, who: "agent", text: "We still need the photos of the damage and the repair quote. You can upload them at claims.example.com/upload." },
        { id: "item_c05", at: 13.5, who: "caller", text: "Okay, please email me the list." },
      ],
      email: {
        to: ["claims@wrong-insurer.example"],
        subject: "Claim 55-1023 — documents we still need",
        markdown:
          "Hello Ms. Adeyemi,\n\nTo continue claim **55-1023** we still need:\n\n- photos of the damage\n- the repair quote\n\nYou can upload them at https://claims.example.com/upload.\n\nRegards,\nClaims team",
        agentNote: "Recipient taken from the policy file, not confirmed on the call.",
        evidence: ["item_c03"],
      },
    },
    {
      key: "auto",
      mailbox: "followups",
      roomName: "call-1046",
      agentName: "service-desk",
      caller: { identity: "sip_+12065550199", name: "Lee Chen", kind: "SIP", phone: "+12065550199", metadata: { email: "lee.chen@example.com" } },
      order: "transcript-first",
      live: true,
      turns: [
        { id: "item_a01", at: 1.0, who: "agent", text: "Northside Auto service desk." },
        { id: "item_a02", at: 3.8, who: "caller", text: "I need an oil change, Monday morning if you can, first thing." },
        { id: "item_a03", at: 6.0, who: "agent", text: `I can do ${mon.long} at 8:00 AM. The standard oil change is $89.99.` },
        { id: "item_a04", at: 9.6, who: "caller", text: "Book it." },
      ],
      email: {
        to: ["lee.chen@example.com"],
        subject: "Service reminder: oil change booked",
        markdown: `Hi Lee,\n\nYour oil change is booked for **${mon.long} at 8:00 AM**. The quoted price is **$89.99**.\n\nThanks for choosing Northside Auto.`,
        confidence: 0.97,
        evidence: ["item_a03"],
      },
    },
  ];
}
