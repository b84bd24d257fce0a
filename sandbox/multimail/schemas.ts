// Request-body schemas with the limits of multimail-api.md §2 (to ≤50, subject ≤998, markdown ≤256 KiB...).
import { z } from "zod";
import type { StoredAttachment } from "./types";
import { SCOPES, WEBHOOK_EVENTS, type Scope } from "./types";

const MARKDOWN_MAX_BYTES = 256 * 1024;
/** Not in the reference: `metadata` is an emulator extension (brief), capped at 16 KiB of JSON. */
const METADATA_MAX_BYTES = 16 * 1024;
const ADDRESS = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;

/** A bare address, or `Name <address>`. */
export function extractAddress(value: string): string | null {
  const angle = /<([^<>]+)>\s*$/.exec(value);
  const candidate = (angle?.[1] ?? value).trim();
  return ADDRESS.test(candidate) ? candidate : null;
}

export const addressSchema = z.string().refine((v) => extractAddress(v) !== null, { message: "must be a valid email address" });

const recipients = (field: string) => z.array(addressSchema).max(50, { message: `${field} must contain at most 50 recipients` });

export const markdownSchema = z
  .string({ message: "markdown is required" })
  .min(1, { message: "markdown must not be empty" })
  .refine((v) => Buffer.byteLength(v, "utf8") <= MARKDOWN_MAX_BYTES, { message: "markdown exceeds 256 KiB" });

export const subjectSchema = z
  .string({ message: "subject is required" })
  .min(1, { message: "subject must not be empty" })
  .max(998, { message: "subject must be at most 998 characters" });

/** §2.2: `send_at` is ISO-8601 UTC and must end in `Z`. */
export const sendAtSchema = z
  .string()
  .refine((v) => v.endsWith("Z") && !Number.isNaN(Date.parse(v)), {
    message: "send_at must be an ISO-8601 UTC timestamp ending in Z",
  })
  .refine((v) => Date.parse(v) > Date.now(), { message: "send_at must be in the future" });

export const metadataSchema = z.record(z.string(), z.unknown()).refine((v) => Buffer.byteLength(JSON.stringify(v), "utf8") <= METADATA_MAX_BYTES, {
  message: "metadata exceeds 16 KiB",
});

const attachmentSchema = z
  .object({
    name: z.string().min(1).max(255),
    content_base64: z.string().regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, { message: "must be base64" }),
    content_type: z.string().min(1).max(255).default("application/octet-stream"),
  })
  .transform((a): StoredAttachment => ({
    name: a.name,
    content_type: a.content_type,
    data: Buffer.from(a.content_base64, "base64"),
  }));

const attachments = z.array(attachmentSchema).max(20, { message: "at most 20 attachments" });
const idempotencyKey = z.string().min(1).max(255);

export const sendSchema = z.object({
  to: z
    .array(addressSchema, { message: "to must be an array of email addresses" })
    .min(1, { message: "to must contain at least one recipient" })
    .max(50, { message: "to must contain at most 50 recipients" }),
  subject: subjectSchema,
  markdown: markdownSchema,
  cc: recipients("cc").nullish(),
  bcc: recipients("bcc").nullish(),
  attachments: attachments.nullish(),
  idempotency_key: idempotencyKey.nullish(),
  send_at: sendAtSchema.nullish(),
  gate_timing: z.enum(["gate_first", "schedule_first"]).nullish(),
  ucan: z.string().nullish(),
  metadata: metadataSchema.nullish(),
});

export const replySchema = z.object({
  markdown: markdownSchema,
  cc: recipients("cc").nullish(),
  bcc: recipients("bcc").nullish(),
  attachments: attachments.nullish(),
  idempotency_key: idempotencyKey.nullish(),
  metadata: metadataSchema.nullish(),
});

export const scheduleEditSchema = z.object({
  send_at: sendAtSchema.optional(),
  to: recipients("to").min(1).optional(),
  cc: recipients("cc").optional(),
  bcc: recipients("bcc").optional(),
  subject: subjectSchema.optional(),
  markdown: markdownSchema.optional(),
});

export const decideSchema = z.object({
  email_id: z.string({ message: "email_id is required" }).min(1, { message: "email_id is required" }),
  action: z.enum(["approve", "reject"], { message: 'action must be "approve" or "reject"' }),
  reason: z.string().max(2000, { message: "reason must be at most 2000 characters" }).nullish(),
});

const intBool = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1);
const modeSchema = z.enum(["gated_send", "gated_all", "monitored", "autonomous", "read_only"]);

export const mailboxPatchSchema = z.object({
  display_name: z.string().max(100).nullish(),
  oversight_mode: modeSchema.optional(),
  auto_cc: addressSchema.nullish(),
  auto_bcc: addressSchema.nullish(),
  forward_inbound: intBool.optional(),
  signature_block: z.string().max(200, { message: "signature_block must be at most 200 characters" }).nullish(),
});

export const mailboxConfigureSchema = mailboxPatchSchema.extend({
  default_gate_timing: z.enum(["gate_first", "schedule_first"]).optional(),
  scheduling_enabled: intBool.optional(),
  // AI disclosure is always on since CL 0.13 (multimail-api.md §2.1, §6.17).
  ai_disclosure: intBool.refine((v) => v, { message: "ai_disclosure can no longer be disabled" }).optional(),
  mcp_configured: intBool.optional(),
  approval_code: z.string().optional(),
});

/** §2.1 create mailbox: `address_local` (MCP/SPEC); `oversight_mode` is accepted and ignored; `ai_disclosure: false` is refused since 0.13. */
export const mailboxCreateSchema = z.object({
  address_local: z.string({ message: "address_local is required" }).trim().min(1, { message: "address_local is required" }).max(254),
  display_name: z.string().max(100).nullish(),
  oversight_mode: modeSchema.nullish(),
  webhook_url: z.string().nullish(),
  ai_disclosure: z
    .union([z.boolean(), z.literal(0), z.literal(1)])
    .refine((v) => v === true || v === 1, { message: "ai_disclosure can no longer be disabled" })
    .optional(),
  approval_code: z.string().nullish(),
});

export const requestUpgradeSchema = z.object({
  target_mode: z.string({ message: "target_mode is required" }),
});

export const applyUpgradeSchema = z.object({
  code: z.string({ message: "code is required" }).min(1, { message: "code is required" }),
});

export const tagsSchema = z.object({
  tags: z
    .record(z.string().min(1).max(64), z.string().max(256), { message: "tags must be an object of string values" })
    .refine((t) => Object.keys(t).length <= 50, { message: "at most 50 tags" }),
});

export const webhookCreateSchema = z.object({
  url: z.url({ message: "url must be a valid URL" }),
  events: z.array(z.enum(WEBHOOK_EVENTS, { message: `events must be among: ${WEBHOOK_EVENTS.join(", ")}` })).min(1, {
    message: "events must not be empty",
  }),
  mailbox_id: z.string().nullish(),
  approval_code: z.string().nullish(),
  secret: z.string().nullish(),
});

const scopesSchema = z.array(z.enum(SCOPES as [Scope, ...Scope[]], { message: `scopes must be among: ${SCOPES.join(", ")}` }));

export const apiKeyCreateSchema = z.object({
  name: z.string().min(1).max(100),
  scopes: scopesSchema.min(1).default(["read"]),
  approval_code: z.string().nullish(),
});

export const apiKeyPatchSchema = z.object({
  name: z.string().min(1).max(100).optional(),
  scopes: scopesSchema.min(1).optional(),
  approval_code: z.string().nullish(),
});

export const inboundSchema = z.object({
  to: z.string().min(1),
  from: addressSchema,
  from_name: z.string().nullish(),
  subject: z.string().max(998).optional(),
  markdown: z.string().default(""),
  cc: z.array(addressSchema).optional(),
  in_reply_to: z.string().nullish(),
  thread_id: z.string().nullish(),
  attachments: attachments.optional(),
  spam_verdict: z.enum(["clean", "flagged", "quarantined"]).default("clean"),
  metadata: metadataSchema.nullish(),
});

export const faultSchema = z.object({
  method: z.string().nullish(),
  path_prefix: z.string().nullish(),
  email_id: z.string().min(1).nullish(),
  status: z.number().int().min(100).max(599).nullish(),
  retry_after: z.number().min(0).nullish(),
  delay_ms: z.number().min(0).nullish(),
  probability: z.number().gt(0).max(1).nullish(),
  count: z.number().int().min(1).nullish(),
  body: z.record(z.string(), z.unknown()).nullish(),
});

export const subscribeSchema = z.object({
  url: z.url(),
  events: z.array(z.string()).optional(),
  mailbox_id: z.string().nullish(),
  secret: z.string().min(1).nullish(),
});
