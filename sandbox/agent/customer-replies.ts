// The demo's customers answering by email: a little after the calls, one caller replies to the
// follow-up the agent wrote (through the emulator's `/__emulator/inbound`, threaded by in_reply_to),
// so the inbox shows a live thread and the held draft turns stale.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

interface StoredEmail {
  id: string;
  mailbox_id: string;
  to: string[];
  subject: string;
  direction: string;
}

export interface CustomerReply {
  /** The follow-up is found by its recipient. */
  to: string;
  from: string;
  fromName: string;
  markdown: string;
}

/** James said on the call he would check Friday and reply to the email; he does. */
export const DEMO_REPLIES: CustomerReply[] = [
  {
    to: "j.okafor@example.net",
    from: "j.okafor@example.net",
    fromName: "James Okafor",
    markdown: "Hi,\n\nThanks for the estimate. Friday works, but **10 AM**, not 9 — that's what we agreed on the phone. Can you confirm?\n\nJames",
  },
];

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${response.url} → ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Sends each reply to the newest outbound email addressed to its customer; returns the inbound email ids. */
export async function sendCustomerReplies(emulatorUrl: string, replies: CustomerReply[] = DEMO_REPLIES, log?: (line: string) => void): Promise<string[]> {
  const { emails } = await json<{ emails: StoredEmail[] }>(await fetch(`${emulatorUrl}/__emulator/emails`));
  const { mailboxes } = await json<{ mailboxes: { id: string; address: string }[] }>(await fetch(`${emulatorUrl}/__emulator/state`));
  const sent: string[] = [];
  for (const reply of replies) {
    const original = emails.filter((e) => e.direction === "outbound" && e.to.includes(reply.to)).sort((a, b) => b.id.localeCompare(a.id))[0];
    const mailbox = mailboxes.find((m) => m.id === original?.mailbox_id);
    if (!original || !mailbox) {
      log?.(`no follow-up to ${reply.to} to reply to`);
      continue;
    }
    const inbound = await json<{ id: string }>(
      await fetch(`${emulatorUrl}/__emulator/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ to: mailbox.address, from: reply.from, from_name: reply.fromName, markdown: reply.markdown, in_reply_to: original.id }),
      }),
    );
    log?.(`${reply.fromName} replied to “${original.subject}”`);
    sent.push(inbound.id);
  }
  return sent;
}

// A command for trying the inbox by hand against a running emulator:
//   npx tsx sandbox/agent/customer-replies.ts [--emulator http://127.0.0.1:4010] [--to j.okafor@example.net] [--markdown "…"]
// With no --to, James Okafor answers his estimate, as in the demo.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      emulator: { type: "string", default: "http://127.0.0.1:4010" },
      to: { type: "string" },
      from: { type: "string" },
      name: { type: "string" },
      markdown: { type: "string" },
    },
  });
  const replies = values.to
    ? [{ to: values.to, from: values.from ?? values.to, fromName: values.name ?? values.to, markdown: values.markdown ?? "Thanks — one more question about this." }]
    : DEMO_REPLIES;
  sendCustomerReplies(values.emulator, replies, (line) => console.log(line)).then(
    (ids) => console.log(ids.length ? `inbound email ${ids.join(", ")}` : "nothing sent"),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
