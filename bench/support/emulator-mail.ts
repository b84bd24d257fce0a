// Held emails made the way an agent makes them: a send through the emulator's API with the send key,
// then waiting until the emulator holds it for approval (its control API, which has no side effects).
import { DEMO_KEYS, DEMO_MAILBOXES } from "@/sandbox/multimail/seed";

export async function sendHeld(emulatorUrl: string, subject: string, i: number): Promise<string> {
  const response = await fetch(`${emulatorUrl}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
    body: JSON.stringify({
      to: [`caller${i}@example.com`],
      subject,
      markdown: `Hi,\n\nYour appointment is confirmed for **Tuesday at ${1 + (i % 8)} PM**.\n\nBest,\nAcme Dental`,
      metadata: { session_id: `RM_bench${i}`, caller_email: `caller${i}@example.com` },
    }),
  });
  if (!response.ok) throw new Error(`emulator send: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export async function waitUntilHeld(emulatorUrl: string, id: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const email = (await (await fetch(`${emulatorUrl}/__emulator/emails/${id}`)).json()) as { status?: string };
    if (email.status === "pending_send_approval") return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`email ${id} was not held within ${timeoutMs} ms`);
}

/** `count` held emails, 16 sends at a time; their ids in order. */
export async function sendHeldMany(emulatorUrl: string, count: number, label: string): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      ids[i] = await sendHeld(emulatorUrl, `${label} ${i}: appointment confirmation`, i);
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  return ids;
}

export { DEMO_KEYS, DEMO_MAILBOXES };
