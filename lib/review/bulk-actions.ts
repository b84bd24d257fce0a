"use server";
// Server Action of the queue's bulk approve/reject: the reviewer role checked inside, every email
// decided through the lifecycle (bulk-decide.ts), then the outbox is asked to deliver now (no inline
// delivery: a batch of hundreds never waits on MultiMail).
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { bulkDecide } from "./bulk-decide";
import { bulkDecideInputSchema } from "./bulk-schemas";
import { kickOutbox } from "./outbox-signal";

export const bulkDecideAction = defineAction("bulk-decide", { role: "reviewer", input: bulkDecideInputSchema }, async (input, user) => {
  const result = await bulkDecide(await getDb(), { ...input, actor: actorLabel(user), actorId: user.id });
  if (result.decided > 0) kickOutbox();
  return result;
});
