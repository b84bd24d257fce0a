// The e2e suite's MultiMail emulator: the standard seed, quick scans, webhooks to the app under test.
import { startEmulator } from "../../sandbox/multimail/emulator";
import { demoEmulatorOptions } from "../../sandbox/multimail/seed";
import { E2E } from "./ports";

const emulator = await startEmulator({
  ...demoEmulatorOptions({ port: E2E.emulatorPort, webhookUrl: `${E2E.appUrl}/api/webhooks/multimail`, scanDelayMs: 200 }),
  deliveryDelayMs: 300,
  webhookRetryDelaysMs: [300, 1000, 2000],
});
process.stdout.write(`e2e emulator at ${emulator.url}\n`);
const stop = () => void emulator.close().finally(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
