# 1. Dental: everything right; confirmation code from the booking tool; spelled-out email.
c = Call("dental-cleaning", "2025-03-10T09:14:03-07:00")
c.config("You are Ava, the front-desk assistant for Bright Smile Dental.")
c.msg("assistant", "Thanks for calling Bright Smile Dental, this is Ava. How can I help you today?", 0.8)
c.msg("user", "Hi, I'd like to book a cleaning for my son Liam, he's due for one.", 6.2)
c.msg("assistant", "Of course. Do you have a day in mind?", 10.5)
c.msg("user", "Is this Friday possible? Like three o'clock in the afternoon?", 15.9, confidence=0.88)
c.tool("check_availability", {"date": "2025-03-14"}, {"available": ["2025-03-14T13:30:00", "2025-03-14T15:00:00"]}, 19.0)
c.msg("assistant", "Friday the 14th at 3pm is open. Shall I book it for Liam?", 22.4, interrupted=True)
c.msg("user", "Yes please.", 27.0)
c.tool("book_appointment", {"patient": "Liam Carter", "start": "2025-03-14T15:00:00", "type": "cleaning"},
       {"status": "confirmed", "confirmation_code": "BSD-48213", "start": "2025-03-14T15:00:00-07:00", "fee_usd": 120}, 28.1)
c.msg("assistant", "You're all set. Your confirmation code is B S D 4 8 2 1 3. The cleaning is $120 before insurance. What email should I send the confirmation to?", 31.7)
c.msg("user", "It's j o h n dot carter at gmail dot com.", 40.3, confidence=0.81)
c.msg("assistant", "Thanks, John. If you need to reschedule, call us at four one five, five five five, zero one nine nine.", 46.0)
c.msg("user", "Great, thank you.", 53.2)
write("dental-cleaning-booked", "dental",
      "All specifics supported: the code comes from the booking tool and the address was spelled letter by letter.",
      c,
      {"to": ["john.carter@gmail.com"], "subject": "Liam's cleaning on Friday, March 14 at 3:00 PM",
       "markdown": "Hi John,\n\nThanks for calling Bright Smile Dental. Liam's cleaning is booked for **Friday, March 14 at 3:00 PM**.\n\n- Confirmation code: **BSD-48213**\n- Estimated cost: $120 (before insurance)\n\nIf you need to reschedule, reply to this email or call us at (415) 555-0199.\n\nBright Smile Dental"},
      [("recipient", "supported", "john.carter@gmail.com"),
       ("date", "supported", "Friday, March 14 at 3:00 PM"),
       ("date", "supported", "Friday, March 14 at 3:00 PM"),
       ("reference", "supported", "BSD-48213"),
       ("money", "supported", "$120"),
       ("phone", "supported", "(415) 555-0199")],
      caller={"phone": "+14155550142", "email": None, "name": "John Carter"},
      tz="America/Los_Angeles")

# 2. Clinic: wrong day (draft pairs Wednesday with Thursday's time); low agent confidence.
c = Call("clinic-followup", "2025-04-07T14:30:10-05:00")
c.msg("assistant", "Riverside Family Clinic, this is the scheduling assistant. How can I help?", 0.6)
c.msg("user", "Hi, I need a follow-up with Doctor Okafor about my blood pressure results.", 5.9)
c.msg("assistant", "I can help with that. Dr. Okafor has openings on Wednesday at 9:40 in the morning, or Thursday at 2:15 in the afternoon.", 11.3)
c.msg("user", "Thursday works better, the afternoon one.", 19.8)
c.tool("schedule_visit", {"provider": "okafor", "start": "2025-04-10T14:15:00"},
       {"visit_id": "RFC-77120", "provider": "Dr. Okafor", "start": "2025-04-10T14:15:00-05:00"}, 22.0)
c.msg("assistant", "Great, you're down for Thursday, April 10th at 2:15 PM with Dr. Okafor.", 24.6)
c.msg("user", "Do I need to fast before it?", 31.0)
c.msg("assistant", "No fasting needed for this visit. Please bring your blood pressure log.", 34.2)
c.msg("user", "Okay, thanks.", 40.5)
write("clinic-wrong-day", "clinic",
      "The draft moves the visit to Wednesday at Thursday's time; the call paired those differently.",
      c,
      {"to": ["Priya Natarajan <priya.natarajan@example.com>"], "subject": "Your follow-up with Dr. Okafor",
       "markdown": "Hi Priya,\n\nYour follow-up visit with Dr. Okafor is confirmed for Wednesday, April 9 at 2:15 PM (visit ID RFC-77120).\n\nNo fasting is needed. Please bring your blood pressure log.\n\nRiverside Family Clinic"},
      [("agent_note", "info", "confidence 72%"),
       ("recipient", "supported", "Priya Natarajan <priya.natarajan@example.com>"),
       ("date", "unsupported", "Wednesday, April 9 at 2:15 PM"),
       ("reference", "supported", "RFC-77120")],
      caller={"email": "Priya.Natarajan@example.com", "phone": "+13125550186"},
      agent={"confidence": 0.72, "evidenceItemIds": []},
      tz="America/Chicago")

# 3. Plumbing: amount mismatch, a callback number with two digits swapped, "tomorrow" resolved.
c = Call("plumbing-quote", "2025-03-18T07:45:00-06:00")
c.msg("assistant", "Good morning, Mile High Plumbing. What's going on?", 0.7)
c.msg("user", "My kitchen drain is completely backed up. Can someone come out?", 4.8)
c.msg("assistant", "Sure. We can have a tech there tomorrow between 8 and 10 am. A drain cleaning is a flat $189, and if we need to run a camera down the line it's another $95.", 10.2)
c.msg("user", "Okay, tomorrow morning works.", 22.7)
c.msg("assistant", "What's the best number for the tech to call when they're on the way?", 26.1)
c.msg("user", "Call me on seven two zero, five five five, zero one four seven.", 30.4, confidence=0.9)
c.msg("assistant", "Got it. You'll get a confirmation email.", 38.0)
write("plumbing-quote-mismatch", "plumbing",
      "Camera inspection quoted at $95 but the draft says $125; the callback number has 4 and 7 swapped.",
      c,
      {"to": ["dwilliams@fastmail.com"], "subject": "Drain cleaning tomorrow, 8-10 AM",
       "markdown": "Hi Dana,\n\nA Mile High Plumbing technician will arrive on Wednesday, March 19 between 8 and 10 AM.\n\n| Service | Price |\n|---|---|\n| Drain cleaning (flat rate) | $189 |\n| Camera inspection (if needed) | $125 |\n\nThe tech will call you at (720) 555-0174 when on the way.\n"},
      [("recipient", "supported", "dwilliams@fastmail.com"),
       ("date", "supported", "tomorrow, 8-10 AM"),
       ("date", "supported", "Wednesday, March 19 between 8 and 10 AM"),
       ("money", "supported", "$189"),
       ("money", "unsupported", "$125"),
       ("phone", "unsupported", "(720) 555-0174")],
      caller={"email": "dwilliams@fastmail.com", "phone": "+17205550147"},
      tz="America/Denver")

# 4. Legal intake: recipient one letter off the caller's metadata address.
c = Call("legal-intake", "2025-05-05T11:02:00-04:00")
c.msg("assistant", "Hartwell and Price, new client intake. Can you tell me a little about your situation?", 0.9)
c.msg("user", "My landlord is refusing to return my security deposit, it was twenty four hundred dollars. My lease ends May 31st.", 7.5, confidence=0.91)
c.msg("assistant", "I'm sorry to hear that. I can schedule a free 30-minute consultation with attorney Dana Price. She has Thursday at 10:30 am.", 19.4)
c.msg("user", "Thursday at 10:30 is fine.", 29.0)
c.tool("create_matter", {"practice_area": "landlord_tenant", "consult_start": "2025-05-08T10:30:00-04:00"},
       {"matter_id": "HP-2025-0318", "consult": "2025-05-08T10:30:00-04:00", "attorney": "Dana Price"}, 31.5)
c.msg("assistant", "You're booked. Your matter number is HP-2025-0318. The consultation is free; if you retain the firm, the retainer is $2,500.", 33.8)
c.msg("user", "Okay. Send me the details by email please.", 45.1)
write("legal-intake-wrong-recipient", "legal",
      "The draft is addressed to maria.gonzales@ while the caller's metadata says maria.gonzalez@.",
      c,
      {"to": ["maria.gonzales@outlook.com"], "subject": "Your consultation with Dana Price",
       "markdown": "Dear Ms. Gonzalez,\n\nThank you for contacting Hartwell & Price. Your free consultation with attorney Dana Price is scheduled for **Thursday, May 8 at 10:30 AM**.\n\nMatter number: HP-2025-0318\n\nPlease bring your lease, which ends May 31, and any messages with your landlord about the $2,400 deposit. If you retain the firm, the retainer is $2,500.\n"},
      [("recipient", "mismatch", "maria.gonzales@outlook.com"),
       ("date", "supported", "Thursday, May 8 at 10:30 AM"),
       ("reference", "supported", "HP-2025-0318"),
       ("date", "supported", "May 31"),
       ("money", "supported", "$2,400"),
       ("money", "supported", "$2,500")],
      caller={"email": "maria.gonzalez@outlook.com", "phone": "+16175550123"},
      tz="America/New_York")

# 5. SaaS support: case number from the ticket tool, spoken status URL, a callback time never said.
c = Call("saas-support", "2025-03-20T10:05:00+00:00")
c.msg("assistant", "Acme Cloud support, this is the virtual agent. What can I help with?", 0.5)
c.msg("user", "Our API calls started failing with 503 errors about twenty minutes ago.", 5.2)
c.tool("create_ticket", {"summary": "503 errors on API", "priority": "high"},
       {"ticket": "CS-20931", "priority": "high", "queue": "platform"}, 12.0)
c.msg("assistant", "I've opened a high priority case for you, number C S 2 0 9 3 1. You can follow the incident at status dot acmecloud dot io.", 14.1)
c.msg("user", "When will engineering get back to me?", 25.7)
c.msg("assistant", "An engineer will reply within four business hours.", 28.9, interrupted=True)
c.msg("user", "Okay.", 33.0)
write("saas-support-time-never-said", "saas",
      "The draft promises a call back today at 3pm; the agent only promised a reply within four business hours.",
      c,
      {"to": ["ops@northwind.io"], "subject": "Case CS-20931: API 503 errors",
       "markdown": "Hello,\n\nWe've opened case CS-20931 for the 503 errors you are seeing. You can follow the incident on our status page: https://status.acmecloud.io\n\nAn engineer will call you back today at 3pm.\n\nAcme Cloud Support"},
      [("recipient", "supported", "ops@northwind.io"),
       ("reference", "supported", "CS-20931"),
       ("reference", "supported", "CS-20931"),
       ("url", "supported", "https://status.acmecloud.io"),
       ("date", "unsupported", "today at 3pm")],
      caller={"email": "ops@northwind.io"},
      tz="Europe/London")

# 6. Car service: "Tuesday" on the call is March 11 in the draft; spoken money; work order from the tool.
c = Call("car-service", "2025-03-10T08:20:00-07:00")
c.msg("assistant", "Desert Auto Care, how can I help?", 0.6)
c.msg("user", "My brakes are squealing. Can I bring it in Tuesday?", 4.4)
c.msg("assistant", "Tuesday works. We open at seven thirty am; can you drop it off at 8?", 9.8)
c.msg("user", "8 is good.", 15.2)
c.tool("create_work_order", {"customer_phone": "+16025550117", "drop_off": "2025-03-11T08:00:00-07:00", "concern": "brake squeal"},
       {"work_order": "WO-55512", "drop_off": "2025-03-11T08:00:00-07:00"}, 16.9)
c.msg("assistant", "You're on the schedule, work order 55512. The brake inspection is free, and if the pads need replacing it's usually around two hundred and forty dollars per axle. What's your email?", 18.7)
c.msg("user", "k ramirez seventy seven at hotmail dot com", 30.3, confidence=0.78)
c.msg("assistant", "Thanks, I'll send the details there.", 36.0)
write("car-service-spoken-values", "automotive",
      "Weekday resolved against the call day; a money amount said in words; an address with digits said as a number.",
      c,
      {"to": ["kramirez77@hotmail.com"], "subject": "Brake inspection drop-off",
       "markdown": "Hi,\n\nYour drop-off is booked for March 11 at 8:00 AM (work order #55512). We open at 7:30 AM.\n\nThe brake inspection is free. If the pads need replacing, it's typically $240 per axle.\n\nDesert Auto Care"},
      [("recipient", "supported", "kramirez77@hotmail.com"),
       ("date", "supported", "March 11 at 8:00 AM"),
       ("reference", "supported", "#55512"),
       ("time", "supported", "7:30 AM"),
       ("money", "supported", "$240")],
      caller={"phone": "+16025550117"},
      tz="America/Phoenix")

# 7. Restaurant: nobody gave an address; a deposit never mentioned.
c = Call("restaurant", "2025-03-12T16:40:00-04:00")
c.msg("assistant", "Trattoria Lucia, this is the reservations assistant.", 0.4)
c.msg("user", "Hi, can I get a table for six on Saturday at seven thirty pm?", 3.9)
c.tool("reserve_table", {"party_size": 6, "start": "2025-03-15T19:30:00-04:00"},
       {"ok": True, "reservation": "TL-6642", "start": "2025-03-15T19:30:00-04:00", "party_size": 6}, 7.2)
c.msg("assistant", "You're confirmed for six on Saturday at 7:30 pm. If anything changes, call us at two one two, five five five, zero one four seven.", 9.5)
c.msg("user", "Perfect, thanks, see you then.", 18.8)
write("restaurant-unknown-recipient", "restaurant",
      "No caller address anywhere, so the recipient is unknown; the $25 deposit was never mentioned.",
      c,
      {"to": ["mark.bellamy@gmail.com"], "subject": "Your table at Trattoria Lucia",
       "markdown": "Ciao!\n\nYour table for 6 is confirmed for Saturday, March 15 at 7:30 PM (reservation TL-6642).\n\nA $25 per person deposit is required for parties of six or more.\n\nTo change your booking call (212) 555-0147.\n"},
      [("recipient", "unknown", "mark.bellamy@gmail.com"),
       ("date", "supported", "Saturday, March 15 at 7:30 PM"),
       ("reference", "supported", "TL-6642"),
       ("money", "unsupported", "$25"),
       ("phone", "supported", "(212) 555-0147")],
      caller={"phone": "+19175550163", "email": None},
      tz="America/New_York")

# 8. Insurance: a past date ("last Tuesday"), references from the claim tool, wrong deductible.
c = Call("insurance-claim", "2025-03-10T13:05:00-05:00")
c.msg("assistant", "Prairie Mutual claims line. Are you calling to report a new claim?", 0.7)
c.msg("user", "Yes, I was rear-ended last Tuesday on my way to work.", 5.1)
c.msg("assistant", "I'm sorry to hear that. Is everyone okay?", 10.4)
c.msg("user", "Yeah, just sore. The car's bumper is crushed though.", 13.6)
c.tool("open_claim", {"policy": "AUT-7781-22", "loss_date": "2025-03-04", "type": "collision"},
       {"claim_number": "CLM-2025-0042", "policy": "AUT-7781-22", "collision_deductible": 500}, 19.8)
c.msg("assistant", "I've opened claim CLM-2025-0042 on policy AUT-7781-22. Your collision deductible is $500.", 21.0)
c.msg("user", "Can someone look at the car?", 30.2)
c.msg("assistant", "An adjuster will call you within two business days to schedule an inspection.", 32.5)
write("insurance-claim-deductible", "insurance",
      "The loss date and claim/policy numbers are supported; the deductible and the adjuster's date are not.",
      c,
      {"to": ["rosa.delgado@yahoo.com"], "subject": "Claim CLM-2025-0042 opened",
       "markdown": "Dear Rosa,\n\nWe've opened claim number CLM-2025-0042 for the collision on Tuesday, March 4 under policy AUT-7781-22.\n\nYour collision deductible is $1,000. An adjuster will contact you by Wednesday, March 12 to schedule an inspection.\n\nPrairie Mutual Claims"},
      [("recipient", "supported", "rosa.delgado@yahoo.com"),
       ("reference", "supported", "CLM-2025-0042"),
       ("reference", "supported", "CLM-2025-0042"),
       ("date", "supported", "Tuesday, March 4"),
       ("reference", "supported", "AUT-7781-22"),
       ("money", "unsupported", "$1,000"),
       ("date", "unsupported", "Wednesday, March 12")],
      caller={"email": "rosa.delgado@yahoo.com", "phone": "+13125550190"},
      tz="America/Chicago")

# 9. Vet: transcript not uploaded yet; recipient still checked against metadata.
c = Call("vet", "2025-03-17T10:12:00-07:00")
c.msg("assistant", "Paws and Claws Veterinary.", 0.5)
write("vet-transcript-pending", "veterinary",
      "Transcript not uploaded yet: specifics are unknown, the recipient still matches the caller metadata.",
      c,
      {"to": ["sam.oconnor@gmail.com"], "subject": "Biscuit's vaccines",
       "markdown": "Hi Sam,\n\nBiscuit's vaccine appointment is on Monday, March 24 at 11:00 AM. The visit is $68 (booking PV-3301).\n"},
      [("recipient", "supported", "sam.oconnor@gmail.com"),
       ("date", "unknown", "Monday, March 24 at 11:00 AM"),
       ("money", "unknown", "$68"),
       ("reference", "unknown", "PV-3301")],
      caller={"email": "Sam.OConnor@gmail.com "},
      tz="America/Los_Angeles", transcript=False)

# 10. HVAC: spelled email in capitals, "quarter past two", prices never said.
c = Call("hvac", "2025-07-14T08:05:00-04:00")
c.msg("assistant", "Coastal Comfort Heating and Air, how can I help?", 0.6)
c.msg("user", "The AC stopped blowing cold air. Can someone come Thursday?", 4.7)
c.msg("assistant", "Thursday we have a quarter past two slot.", 10.1)
c.msg("user", "Quarter past two is fine. My email is M I K E dot T A N at yahoo dot com.", 14.9, confidence=0.83)
c.msg("assistant", "Got it. The diagnostic fee is $89, and it's waived if you go ahead with the repair.", 24.4)
c.msg("user", "Sounds good.", 31.8)
write("hvac-prices-never-said", "hvac",
      "Spelled address and time supported; the capacitor price range was never mentioned.",
      c,
      {"to": ["mike.tan@yahoo.com"], "cc": ["dispatch@coastalcomfort.com"], "subject": "AC service visit Thursday",
       "markdown": "Hi Mike,\n\nA technician will be there Thursday, July 17 at 2:15 PM. The $89 diagnostic fee is waived if you go ahead with the repair. A new capacitor usually runs $150–$200.\n\nWe'll email the invoice to mike.tan@yahoo.com.\n"},
      [("recipient", "supported", "mike.tan@yahoo.com"),
       ("weekday", "supported", "Thursday"),
       ("date", "supported", "Thursday, July 17 at 2:15 PM"),
       ("money", "supported", "$89"),
       ("money", "unsupported", "$150"),
       ("money", "unsupported", "$200"),
       ("email", "supported", "mike.tan@yahoo.com")],
      caller={"phone": "+18435550112"},
      tz="America/New_York")

# 11. Physio: the body's weekday does not fall on its date; the subject is right.
c = Call("physio", "2025-03-11T15:10:00-04:00")
c.msg("assistant", "Lakeshore Physiotherapy, how can I help?", 0.5)
c.msg("user", "I need to move my appointment from Thursday to next week, Wednesday if possible.", 4.3)
c.msg("assistant", "I have Wednesday, March 19 at 4:30 pm or 5:15 pm.", 11.0)
c.msg("user", "4:30.", 16.4)
c.tool("reschedule_booking", {"booking": "PT-88214", "start": "2025-03-19T16:30:00-04:00"},
       {"booking": "PT-88214", "start": "2025-03-19T16:30:00-04:00", "status": "rescheduled"}, 18.0)
c.msg("assistant", "Done. Just a reminder there's a forty dollar fee for cancellations with less than 24 hours notice.", 20.3)
c.msg("user", "Thanks.", 27.5)
write("physio-weekday-date-conflict", "physiotherapy",
      "The body says Wednesday, March 18, but March 18 is a Tuesday: the draft contradicts itself.",
      c,
      {"to": ["ethan.wu@rogers.com"], "subject": "Rescheduled: Wednesday, March 19 at 4:30 PM",
       "markdown": "Hi Ethan,\n\nYour appointment has moved to Wednesday, March 18 at 4:30 PM (booking PT-88214).\n\nReminder: cancellations with less than 24 hours notice are charged a $40 fee.\n"},
      [("recipient", "supported", "ethan.wu@rogers.com"),
       ("date", "supported", "Wednesday, March 19 at 4:30 PM"),
       ("date", "mismatch", "Wednesday, March 18 at 4:30 PM"),
       ("reference", "supported", "PT-88214"),
       ("money", "supported", "$40")],
      caller={"email": "ethan.wu@rogers.com"},
      tz="America/Toronto")

# 12. Real estate: two recipients (metadata + a spelled cc), a listing link never said.
c = Call("real-estate", "2025-03-13T12:30:00-07:00")
c.msg("assistant", "Pacific Crest Realty, this is the listing assistant for 2291 Oak Street.", 0.7)
c.msg("user", "Hi, is it still available? What's the asking price?", 5.5)
c.msg("assistant", "It is. It's listed at $1,249,000. Would you like to see it? There's an open slot Saturday at noon.", 9.3)
c.msg("user", "Saturday at noon works. Please include my wife too, her email is anna dot lee at icloud dot com.", 17.6, confidence=0.89)
c.msg("assistant", "Will do. I'll send you both the details.", 27.2)
write("real-estate-two-recipients", "real estate",
      "Both recipients supported (one from metadata, one spelled on the call); the listing URL was never said.",
      c,
      {"to": ["dlee@icloud.com", "anna.lee@icloud.com"], "subject": "Showing: 2291 Oak Street",
       "markdown": "Hi David and Anna,\n\nYou're booked to see 2291 Oak Street on Saturday, March 15 at 12:00 PM. It's listed at $1,249,000.\n\nListing: [2291 Oak St](https://www.pacificcrestrealty.com/listings/2291-oak-st)\n"},
      [("recipient", "supported", "dlee@icloud.com"),
       ("recipient", "supported", "anna.lee@icloud.com"),
       ("date", "supported", "Saturday, March 15 at 12:00 PM"),
       ("money", "supported", "$1,249,000"),
       ("url", "unsupported", "https://www.pacificcrestrealty.com/listings/2291-oak-st")],
      caller={"email": "dlee@icloud.com", "phone": "+14155550177"},
      tz="America/Los_Angeles")

# 13. SaaS billing (EUR): caller spelled a .de address, the draft sends to .com.
c = Call("saas-billing", "2025-03-24T09:30:00+01:00")
c.msg("assistant", "Acme Cloud billing, how can I help?", 0.5)
c.msg("user", "We were charged twice for March. I'd like a refund for the duplicate.", 4.6)
c.tool("lookup_invoices", {"account": "northwind-gmbh", "month": "2025-03"},
       {"duplicates": [{"invoice": "INV-2025-0311", "amount_eur": "1200.50"}]}, 9.9)
c.msg("assistant", "I see the duplicate invoice, INV-2025-0311, for €1,200.50. I've requested a refund. Where should I send the confirmation?", 12.2)
c.msg("user", "Send it to l u k a s dot b at firma dot de.", 22.7, confidence=0.86)
c.msg("assistant", "Lukas dot b at firma dot de, got it.", 29.0)
write("saas-billing-wrong-domain", "saas",
      "The caller spelled lukas.b@firma.de; the draft goes to lukas.b@firma.com.",
      c,
      {"to": ["lukas.b@firma.com"], "subject": "Refund requested for invoice INV-2025-0311",
       "markdown": "Hello Lukas,\n\nWe've requested a refund of €1,200.50 for the duplicate invoice INV-2025-0311.\n"},
      [("recipient", "mismatch", "lukas.b@firma.com"),
       ("reference", "supported", "INV-2025-0311"),
       ("money", "supported", "€1,200.50"),
       ("reference", "supported", "INV-2025-0311")],
      caller={"email": None, "phone": "+4930555012"},
      tz="Europe/Berlin", call_started=False)

# 14. Dental emergency: spoken date and clock phrase, handoff item, an arrival time never said.
c = Call("dental-emergency", "2025-03-13T17:50:00-05:00")
c.msg("assistant", "Lone Star Dental after-hours line.", 0.5)
c.msg("user", "I cracked a tooth at dinner and it really hurts.", 3.8)
c.handoff("triage", "scheduler", 8.0)
c.msg("assistant", "I'm sorry. The earliest emergency slot is Tuesday the eighteenth at half past ten in the morning.", 9.1)
c.msg("user", "Nothing sooner? Okay, I'll take it.", 17.0, interrupted=False)
c.msg("assistant", "Booked. The emergency exam is ninety five dollars.", 21.3)
write("dental-emergency-arrival-time", "dental",
      "Spoken 'Tuesday the eighteenth at half past ten' supports the slot; the 10:15 AM arrival was never said.",
      c,
      {"to": ["tara.nguyen@gmail.com"], "subject": "Emergency visit Tuesday, March 18",
       "markdown": "Hi Tara,\n\nWe've booked your emergency exam for Tuesday, March 18 at 10:30 AM. Please arrive 15 minutes early, at 10:15 AM. The exam is $95.\n"},
      [("recipient", "supported", "tara.nguyen@gmail.com"),
       ("date", "supported", "Tuesday, March 18"),
       ("date", "supported", "Tuesday, March 18 at 10:30 AM"),
       ("time", "unsupported", "10:15 AM"),
       ("money", "supported", "$95")],
      caller={"email": "tara.nguyen@gmail.com", "phone": "+15125550134"},
      tz="America/Chicago")
