"use server";
// Server Actions of Settings → MultiMail and Settings → LiveKit (admins only): the connection checks,
// webhook registration and deletion, and mailbox provisioning, each behind the operator approval code.
import { z } from "zod";
import { actorLabel, type CurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { recordAuthEvent } from "@/lib/auth/record-auth-event";
import { defineAction } from "@/lib/http/action";
import { checkLiveKit } from "./check-livekit";
import { checkMultiMail } from "./check-multimail";
import { applyUpgrade, createMailbox, listMailboxRows, requestUpgrade, updateMailbox } from "./mailboxes";
import { adminClient } from "./multimail-admin";
import { OVERSIGHT_MODE_ORDER } from "./schemas";
import { deleteWebhook, listWebhooks, registerWebhook } from "./webhooks";

/** Each change an admin made at MultiMail, written to the audit log (Activity: "Settings changed: multimail: …"). */
async function audit(user: CurrentUser, multimail: string, details: Record<string, unknown>): Promise<void> {
  await recordAuthEvent(await getDb(), { action: "settings.changed", actor: actorLabel(user), details: { multimail, ...details } });
}

const code = z.string().trim().max(40, "That code is too long.").optional();
const mailboxId = z.string().trim().min(1).max(200);
const mode = z.enum(OVERSIGHT_MODE_ORDER, { message: "Choose an oversight mode." });

export const checkMultiMailAction = defineAction("connect.multimail.check", { role: "admin", input: z.object({}) }, async () => checkMultiMail(await getDb()));

export const checkLiveKitAction = defineAction("connect.livekit.check", { role: "admin", input: z.object({}) }, async () => checkLiveKit(await getDb()));

export const listWebhooksAction = defineAction("connect.webhooks.list", { role: "admin", input: z.object({}) }, async () => listWebhooks(await getDb(), adminClient()));

export const registerWebhookAction = defineAction(
  "connect.webhooks.register",
  { role: "admin", input: z.object({ approvalCode: code }) },
  async ({ approvalCode }, user) => {
    const result = await registerWebhook(await getDb(), adminClient(), { approvalCode }, actorLabel(user));
    if (result.step === "done") await audit(user, "webhook registered", { webhook: result.id, url: result.url });
    return result;
  },
);

export const deleteWebhookAction = defineAction(
  "connect.webhooks.delete",
  { role: "admin", input: z.object({ webhookId: z.string().trim().min(1).max(200) }) },
  async ({ webhookId }, user) => {
    const result = await deleteWebhook(await getDb(), adminClient(), webhookId);
    await audit(user, "webhook deleted", { webhook: webhookId });
    return result;
  },
);

export const listMailboxesAction = defineAction("connect.mailboxes.list", { role: "admin", input: z.object({}) }, async () => listMailboxRows(adminClient()));

export const createMailboxAction = defineAction(
  "connect.mailboxes.create",
  {
    role: "admin",
    input: z.object({
      addressLocal: z.string().trim().min(1, "Enter the address (the part before @, or a full address on your verified domain).").max(254),
      displayName: z.string().trim().max(100, "The display name is at most 100 characters.").optional(),
      approvalCode: code,
    }),
  },
  async (input, user) => {
    const result = await createMailbox(adminClient(), input);
    if (result.step === "done") await audit(user, "mailbox created", { mailbox: result.address });
    return result;
  },
);

export const updateMailboxAction = defineAction(
  "connect.mailboxes.update",
  {
    role: "admin",
    input: z.object({
      mailboxId,
      displayName: z.string().trim().max(100, "The display name is at most 100 characters.").nullable().optional(),
      signatureBlock: z.string().max(200, "The signature block is at most 200 characters (plain text).").nullable().optional(),
      oversightMode: mode.optional(),
    }),
  },
  async ({ mailboxId: id, ...changes }, user) => {
    const result = await updateMailbox(adminClient(), id, changes);
    await audit(user, "mailbox updated", { mailbox: id, ...changes });
    return result;
  },
);

export const requestUpgradeAction = defineAction(
  "connect.mailboxes.request_upgrade",
  { role: "admin", input: z.object({ mailboxId, targetMode: mode }) },
  async ({ mailboxId: id, targetMode }, user) => {
    const result = await requestUpgrade(adminClient(), id, targetMode);
    await audit(user, "oversight upgrade requested", { mailbox: id, to: targetMode });
    return result;
  },
);

export const applyUpgradeAction = defineAction(
  "connect.mailboxes.apply_upgrade",
  { role: "admin", input: z.object({ mailboxId, code: z.string().trim().min(1, "Enter the code MultiMail emailed the operator.").max(40) }) },
  async ({ mailboxId: id, code: value }, user) => {
    const result = await applyUpgrade(adminClient(), id, value);
    await audit(user, "oversight upgraded", { mailbox: id, to: result.oversightMode });
    return result;
  },
);
