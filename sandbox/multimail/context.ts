// The pieces of one running emulator that route modules share.
import type { FaultInjector } from "./faults";
import type { Lifecycle } from "./lifecycle";
import type { EmulatorStore } from "./store";
import type { WebhookDispatcher } from "./webhooks";

export interface EmulatorContext {
  store: EmulatorStore;
  webhooks: WebhookDispatcher;
  lifecycle: Lifecycle;
  faults: FaultInjector;
  pendingListKey: "emails" | "pending";
  log: (line: string) => void;
}
