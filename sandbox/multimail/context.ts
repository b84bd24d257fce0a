// The pieces of one running emulator that route modules share.
import type { FaultInjector } from "./faults";
import type { Lifecycle } from "./lifecycle";
import type { EmulatorStore } from "./store";
import type { EmulatorMode } from "./types";
import type { WebhookDispatcher } from "./webhooks";

export interface EmulatorContext {
  store: EmulatorStore;
  webhooks: WebhookDispatcher;
  lifecycle: Lifecycle;
  faults: FaultInjector;
  /** Mutable: `PATCH /__emulator/options` changes it in place. */
  mode: EmulatorMode;
  log: (line: string) => void;
}
