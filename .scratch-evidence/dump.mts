import { readdirSync, readFileSync } from "node:fs";
import { checkDraft } from "../lib/evidence/check-draft";
import { checkDraftInputSchema } from "../lib/evidence/schemas";
const dir = "lib/evidence/corpus/";
for (const f of readdirSync(dir).sort()) {
  const c = JSON.parse(readFileSync(dir + f, "utf8"));
  const r = checkDraft(checkDraftInputSchema.parse(c.input));
  console.log("\n##", c.name, JSON.stringify(r.counts), "recipientOk", r.recipientOk);
  for (const x of r.findings) console.log(" ", x.id, x.status, `[${x.part}:${x.start}-${x.end}]`, JSON.stringify(x.text), "|", x.message, "|", x.turnIds.map(i=>i.slice(5,9)).join(","), x.needsConfirmation ? "CONFIRM" : "");
}
