// The shape of a change event, shared by the server (pg_notify) and the browser (EventSource).
import { z } from "zod";

export const changeEventSchema = z.object({
  /** item.near_breach: a held email just came close to (or past) its mailbox's SLA (lib/hooks/run-hooks.ts). */
  type: z.enum(["item.created", "item.updated", "item.near_breach", "inbox.updated", "session.updated"]),
  itemId: z.string().optional(),
  /** session.updated: the LiveKit room sid whose webhooks or transcript arrived. */
  roomSid: z.string().optional(),
  mailboxId: z.string().optional(),
  threadId: z.string().optional(),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;
