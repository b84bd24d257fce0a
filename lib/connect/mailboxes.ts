// Settings → MultiMail → Mailboxes: create one through the operator approval code (create_mailbox),
// change its display name and signature block, downgrade its oversight mode, and upgrade only through
// the trust ladder (request-upgrade, then the emailed code). multimail-api.md §2.1.
import { AppError } from "@/lib/errors";
import type { MultiMailClient } from "@/lib/multimail/client";
import { viaMultiMail } from "./multimail-admin";
import { OVERSIGHT_MODE_ORDER, type ApprovalOutcome, type MailboxRow, type OversightModeName } from "./schemas";

const rank = (mode: string | null) => OVERSIGHT_MODE_ORDER.indexOf(mode as OversightModeName);

export async function listMailboxRows(client: MultiMailClient): Promise<MailboxRow[]> {
  const mailboxes = await viaMultiMail(() => client.listMailboxes());
  return mailboxes
    .filter((m) => m.isActive)
    .map((m) => ({ id: m.id, address: m.address, displayName: m.displayName, signatureBlock: m.signatureBlock, oversightMode: m.oversightMode }));
}

export async function createMailbox(
  client: MultiMailClient,
  input: { addressLocal: string; displayName?: string; approvalCode?: string },
): Promise<ApprovalOutcome<{ id: string; address: string }>> {
  const step = await viaMultiMail(() =>
    client.createMailbox({
      addressLocal: input.addressLocal.trim(),
      displayName: input.displayName?.trim() || null,
      approvalCode: input.approvalCode?.trim() || undefined,
    }),
  );
  if (step.step === "code_sent") return { step: "code_sent", message: step.message ?? "MultiMail emailed an approval code to the operator." };
  return { step: "done", id: step.result.id, address: step.result.address };
}

/** Display name, signature block and a downgrade; an upgrade is refused here and pointed at the trust ladder. */
export async function updateMailbox(
  client: MultiMailClient,
  mailboxId: string,
  input: { displayName?: string | null; signatureBlock?: string | null; oversightMode?: OversightModeName },
): Promise<{ changed: string[] }> {
  const current = await viaMultiMail(() => client.getMailbox(mailboxId));
  const changes: { displayName?: string | null; signatureBlock?: string | null; oversightMode?: OversightModeName } = {};
  if (input.displayName !== undefined && (input.displayName || null) !== current.displayName) changes.displayName = input.displayName || null;
  if (input.signatureBlock !== undefined && (input.signatureBlock || null) !== current.signatureBlock) changes.signatureBlock = input.signatureBlock || null;
  if (input.oversightMode && input.oversightMode !== current.oversightMode) {
    if (rank(input.oversightMode) > rank(current.oversightMode)) {
      throw new AppError(
        "validation",
        `${current.oversightMode} → ${input.oversightMode} is an upgrade: MultiMail allows only downgrades here. Use “Request upgrade”, then enter the code MultiMail emails the operator.`,
      );
    }
    changes.oversightMode = input.oversightMode;
  }
  const changed = Object.keys(changes);
  if (changed.length) await viaMultiMail(() => client.updateMailbox(mailboxId, changes));
  return { changed };
}

export async function requestUpgrade(client: MultiMailClient, mailboxId: string, targetMode: OversightModeName): Promise<{ status: string }> {
  const current = await viaMultiMail(() => client.getMailbox(mailboxId));
  if (rank(targetMode) <= rank(current.oversightMode)) {
    throw new AppError("validation", `${targetMode} is not an upgrade from ${current.oversightMode}; choose it under “Oversight mode” instead.`);
  }
  const result = await viaMultiMail(() => client.requestUpgrade(mailboxId, targetMode));
  return { status: result.status ?? "upgrade_requested" };
}

export async function applyUpgrade(client: MultiMailClient, mailboxId: string, code: string): Promise<{ oversightMode: string | null }> {
  await viaMultiMail(() => client.applyUpgrade(mailboxId, code));
  const mailbox = await viaMultiMail(() => client.getMailbox(mailboxId));
  return { oversightMode: mailbox.oversightMode };
}
