"use server";
// Server Action of Settings: an admin sets or removes a mailbox's SLA (lib/review/sla.ts).
import { z } from "zod";
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { MAX_SLA_MINUTES, setMailboxSla } from "./sla";

const setSlaInputSchema = z.object({
  mailboxId: z.string().trim().min(1).max(200),
  /** Minutes from the call's end; null removes the SLA. */
  minutes: z
    .number({ message: "An SLA is a whole number of minutes." })
    .int("An SLA is a whole number of minutes.")
    .min(1, "An SLA is at least 1 minute.")
    .max(MAX_SLA_MINUTES, "An SLA is at most 30 days (43,200 minutes).")
    .nullable(),
});

export const setMailboxSlaAction = defineAction("set-mailbox-sla", { role: "admin", input: setSlaInputSchema }, async ({ mailboxId, minutes }, user) =>
  setMailboxSla(await getDb(), { mailboxId, minutes, actor: actorLabel(user) }),
);
