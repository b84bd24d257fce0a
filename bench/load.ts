// A load client in its own process (support/webhook-load.ts), so the server being measured keeps its
// event loop to itself. It runs the phases it is given back to back, so two handlers measured in
// alternating phases see the same machine.
import { runSection } from "./support/section";
import { runWebhookLoad, type LoadInput, type LoadResult } from "./support/webhook-load";

runSection<{ phases: LoadInput[] }, LoadResult[]>(async ({ phases }) => {
  const results: LoadResult[] = [];
  for (const phase of phases) results.push(await runWebhookLoad(phase));
  return results;
});
