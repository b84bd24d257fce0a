// Realistic follow-up emails a voice agent writes after calls, with seed-style session metadata.
export interface Scenario {
  mailbox: "followups" | "support";
  to: string[];
  subject: string;
  markdown: string;
  metadata: Record<string, unknown>;
}

const room = (n: number) => ({ sid: `RM_demo${String(n).padStart(6, "0")}`, name: `call-${1040 + n}` });

export function scenarios(): Scenario[] {
  const r = [1, 2, 3, 4, 5, 6].map(room);
  return [
    {
      mailbox: "followups",
      to: ["maria.gonzalez@example.com"],
      subject: "Your cleaning appointment on Tuesday, March 17 at 3:30 PM",
      markdown:
        "Hi Maria,\n\nThanks for calling Acme Dental today. As discussed, your cleaning with **Dr. Patel** is booked for **Tuesday, March 17 at 3:30 PM**.\n\n- Please arrive 10 minutes early.\n- Bring your insurance card.\n\nIf you need to reschedule, call us at (415) 555-0142.\n\nBest,\nAcme Dental",
      metadata: { session_id: r[0]!.sid, room_name: r[0]!.name, job_id: "AJ_demo01", caller_name: "Maria Gonzalez", caller_email: "maria.gonzalez@example.com", agent_name: "frontdesk", confidence: 0.93 },
    },
    {
      mailbox: "followups",
      to: ["j.okafor@example.net"],
      subject: "Estimate for your water heater replacement",
      markdown:
        "Hello James,\n\nFollowing up on your call: replacing the 40-gallon water heater is estimated at **$1,280**, parts and labour included. Our technician can come on **Friday at 9 AM**.\n\nReply to this email to confirm and we will lock in the slot.\n\nKind regards,\nBrightFlow Plumbing",
      metadata: { session_id: r[1]!.sid, room_name: r[1]!.name, caller_name: "James Okafor", caller_email: "j.okafor@example.net", agent_note: "Caller was unsure about Friday; please double-check the day.", confidence: 0.62 },
    },
    {
      mailbox: "support",
      to: ["priya@startup.example"],
      subject: "Next steps for your SSO setup",
      markdown:
        "Hi Priya,\n\nAs promised on the call, here are the next steps to enable single sign-on:\n\n1. Open **Settings → Security**.\n2. Paste your IdP metadata URL.\n3. Test with one account before enforcing it.\n\nYour ticket reference is **CASE-48213**. ![diagram](https://tracker.example.com/pixel.png)\n\nThanks,\nSupport",
      metadata: { session_id: r[2]!.sid, caller_email: "priya@startup.example", caller_name: "Priya Raman", transcript_url: "https://transcripts.example.com/RM_demo000003" },
    },
    {
      mailbox: "followups",
      to: ["tom.becker@example.org"],
      subject: "Your table for 4 on Saturday at 7 PM",
      markdown: "Hi Tom,\n\nYour table for **4 people** is confirmed for **Saturday at 7:00 PM**. We have noted the birthday cake request.\n\nSee you soon,\nLa Piazza",
      metadata: { session_id: r[3]!.sid, room_name: r[3]!.name, caller_name: "Tom Becker", caller_email: "tom.becker@example.org" },
    },
    {
      mailbox: "support",
      to: ["claims@wrong-insurer.example"],
      subject: "Claim 55-1023 — documents we still need",
      markdown:
        "Hello Ms. Adeyemi,\n\nTo continue claim **55-1023** we still need:\n\n- photos of the damage\n- the repair quote\n\nYou can upload them at https://claims.example.com/upload.\n\nRegards,\nClaims team",
      metadata: { session_id: r[4]!.sid, caller_name: "Ngozi Adeyemi", caller_email: "ngozi.adeyemi@example.com", agent_note: "Recipient taken from the policy file, not confirmed on the call." },
    },
    {
      mailbox: "followups",
      to: ["lee.chen@example.com"],
      subject: "Service reminder: oil change booked",
      markdown: "Hi Lee,\n\nYour oil change is booked for **Monday, March 16 at 8:00 AM**. The quoted price is **$89.99**.\n\nThanks for choosing Northside Auto.",
      metadata: { session_id: r[5]!.sid, room_name: r[5]!.name, caller_name: "Lee Chen", caller_email: "lee.chen@example.com", confidence: 0.97 },
    },
  ];
}
