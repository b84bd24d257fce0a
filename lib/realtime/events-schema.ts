// The shape of a change event, shared by the server (pg_notify) and the browser (EventSource).
import { z } from "zod";

export const changeEventSchema = z.object({
  type: z.enum(["item.created", "item.updated", "inbox.updated"]),
  itemId: z.string().optional(),
  mailboxId: z.string().optional(),
  threadId: z.string().optional(),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;
