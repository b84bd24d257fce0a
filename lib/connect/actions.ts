"use server";
// Server Actions of Settings → MultiMail and Settings → LiveKit (admins only): the connection checks,
// webhook registration and deletion, and mailbox provisioning, each behind the operator approval code.
import { z } from "zod";
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { checkLiveKit } from "./check-livekit";
import { checkMultiMail } from "./check-multimail";
import { applyUpgrade, createMailbox, listMailboxRows, requestUpgrade, updateMailbox } from "./mailboxes";
import { adminClient } from "./multimail-admin";
import { OVERSIGHT_MODE_ORDER } from "./schemas";
import { deleteWebhook, listWebhooks, registerWebhook } from "./webhooks";

const code = z.string().trim().max(40, "That code is too long.").optional();
const mailboxId = z.string().trim().min(1).max(200);
const mode = z.enum(OVERSIGHT_MODE_ORDER, { message: "Choose an oversight mode." });

export const checkMultiMailAction = defineAction("connect.multimail.check", { role: "admin", input: z.object({}) }, async () => checkMultiMail(await getDb()));

export const checkLiveKitAction = defineAction("connect.livekit.check", { role: "admin", input: z.object({}) }, async () => checkLiveKit(await getDb()));

export const listWebhooksAction = defineAction("connect.webhooks.list", { role: "admin", input: z.object({}) }, async () => listWebhooks(await getDb(), adminClient()));

export const registerWebhookAction = defineAction(
  "connect.webhooks.register",
  { role: "admin", input: z.object({ approvalCode: code }) },
  async ({ approvalCode }, user) => registerWebhook(await getDb(), adminClient(), { approvalCode }, actorLabel(user)),
);

export const deleteWebhookAction = defineAction(
  "connect.webhooks.delete",
  { role: "admin", input: z.object({ webhookId: z.string().trim().min(1).max(200) }) },
  async ({ webhookId }) => deleteWebhook(await getDb(), adminClient(), webhookId),
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
  async (input) => createMailbox(adminClient(), input),
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
  async ({ mailboxId: id, ...changes }) => updateMailbox(adminClient(), id, changes),
);

export const requestUpgradeAction = defineAction(
  "connect.mailboxes.request_upgrade",
  { role: "admin", input: z.object({ mailboxId, targetMode: mode }) },
  async ({ mailboxId: id, targetMode }) => requestUpgrade(adminClient(), id, targetMode),
);

export const applyUpgradeAction = defineAction(
  "connect.mailboxes.apply_upgrade",
  { role: "admin", input: z.object({ mailboxId, code: z.string().trim().min(1, "Enter the code MultiMail emailed the operator.").max(40) }) },
  async ({ mailboxId: id, code: value }) => applyUpgrade(adminClient(), id, value),
);
