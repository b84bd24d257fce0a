// Input of a bulk decision in the queue (zod; the server parses it, the browser imports types only).
import { z } from "zod";
import { BULK_LIMIT } from "./bulk-result";

export { BULK_LIMIT };

/** "Select all matching the filter": the Held tab's filters, resolved to held emails on the server at decision time. */
const bulkFilterSchema = z.object({
  mailbox: z.string().trim().max(200).optional(),
  q: z.string().trim().max(200).optional(),
  findings: z.enum(["with"]).optional(),
  sort: z.enum(["due"]).optional(),
});

export const bulkDecideInputSchema = z
  .object({
    action: z.enum(["approve", "reject"]),
    /** A rejection's reason (a preset or the reviewer's words); ignored for an approval. */
    reason: z.string().trim().max(1000).optional(),
    selection: z.union([
      z.object({
        ids: z.array(z.uuid()).min(1, "Select at least one email.").max(BULK_LIMIT, `At most ${BULK_LIMIT} emails at once.`),
        /** The email each selected item showed when it was selected: one replaced since (a re-sent edit) is left out, not decided unseen. */
        seen: z.record(z.uuid(), z.string().min(1).max(200)).optional(),
      }),
      z.object({ filter: bulkFilterSchema }),
    ]),
  })
  .refine((v) => v.action !== "reject" || Boolean(v.reason), { message: "Give a reason for the rejection.", path: ["reason"] });
export type BulkDecideInput = z.infer<typeof bulkDecideInputSchema>;
