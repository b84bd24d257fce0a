// Inputs of the hook actions (client-safe).
import { z } from "zod";
import { HOOK_EVENTS } from "./events";

export const createHookInputSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL that receives the events.").max(2_000, "The URL is too long (2,000 characters at most)."),
  events: z.array(z.enum(HOOK_EVENTS)).min(1, "Choose at least one event."),
});
export const removeHookInputSchema = z.object({ hookId: z.uuid() });
export const setSlackTargetInputSchema = z.object({
  mailboxId: z.string().trim().min(1).max(200),
  /** Empty removes the mailbox's target. */
  url: z.string().trim().max(2_000, "The URL is too long (2,000 characters at most)."),
});
export const resendDeliveryInputSchema = z.object({ deliveryId: z.uuid() });
