"use server";
// Server Actions of the inbox: a reviewer's reply in a thread, and the agent API keys an admin
// creates and revokes. Each checks the role inside and runs a lib/inbox use case.
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { defineAction } from "@/lib/http/action";
import { isMultiMailConfigured, sendClient } from "@/lib/multimail/connection";
import { createAgentKey, revokeAgentKey } from "./agent-keys";
import { replyInThread } from "./reply-in-thread";
import { createAgentKeyInputSchema, replyInputSchema, revokeAgentKeyInputSchema } from "./schemas";

function replyClient() {
  if (!isMultiMailConfigured()) throw new AppError("not_configured", "MultiMail is not connected.");
  try {
    return sendClient();
  } catch {
    throw new AppError("not_configured", "Replying needs MULTIMAIL_SEND_KEY, a send-scoped MultiMail key.");
  }
}

export const replyAction = defineAction("inbox.reply", { role: "reviewer", input: replyInputSchema }, async (input, user) => {
  const client = replyClient();
  return replyInThread(await getDb(), client, {
    ...input,
    author: { id: user.id, name: user.name || user.email, label: actorLabel(user) },
  });
});

export const createAgentKeyAction = defineAction("agent-key.create", { role: "admin", input: createAgentKeyInputSchema }, async ({ name }, user) => {
  const { key, row } = await createAgentKey(await getDb(), { name, createdBy: actorLabel(user) });
  return { key, row };
});

export const revokeAgentKeyAction = defineAction("agent-key.revoke", { role: "admin", input: revokeAgentKeyInputSchema }, async ({ keyId }, user) => {
  await revokeAgentKey(await getDb(), { keyId, by: actorLabel(user) });
  return { revoked: true };
});
