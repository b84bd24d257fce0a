// Webhook ingest cost: verifying, parsing and recording a new delivery against acknowledging a
// duplicate (which must stay cheap, since MultiMail retries).
import { bench, describe } from "vitest";
import { openTestDb } from "@/test/db";
import { signWebhookBody } from "@/lib/multimail/signature";
import { ingestMultiMailWebhook } from "@/lib/review/ingest-multimail-webhook";
import { renderEmail } from "@/lib/render/render-email";

const handle = await openTestDb("pglite");
const secret = "whsec_bench";
let n = 0;
const body = (i: number) => JSON.stringify({ event: "oversight.pending", timestamp: new Date(0).toISOString(), data: { email_id: `01BENCH${i}`, mailbox_id: "mb" } });
const dup = body(-1);
await ingestMultiMailWebhook(handle.db, { rawBody: dup, signature: signWebhookBody(dup, secret), secret, stripPrefix: false });

describe("MultiMail webhook ingest", () => {
  bench("new delivery (verify + parse + record)", async () => {
    const raw = body(n++);
    await ingestMultiMailWebhook(handle.db, { rawBody: raw, signature: signWebhookBody(raw, secret), secret, stripPrefix: false });
  });
  bench("duplicate delivery (acknowledged, not re-applied)", async () => {
    await ingestMultiMailWebhook(handle.db, { rawBody: dup, signature: signWebhookBody(dup, secret), secret, stripPrefix: false });
  });
});

const longDraft = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: your appointment on **Tuesday** at 3:30 PM, see [details](https://example.com/${i}). ![img](https://cdn.example.com/${i}.png)`).join("\n\n");
const shortDraft = "Hi Maria,\n\nYour cleaning is booked for **Tuesday, March 17 at 3:30 PM**.\n\nBest,\nAcme Dental";

describe("rendering a draft safely (markdown → sanitised HTML)", () => {
  bench("typical follow-up (~120 bytes)", () => {
    renderEmail(shortDraft);
  });
  bench(`long draft (${Math.round(longDraft.length / 1024)} KiB, 400 remote images)`, () => {
    renderEmail(longDraft);
  });
});
