// Starts an in-process MultiMail emulator held to multimail-api.md (paths, scopes, quirks, signed webhooks).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorContext } from "./context";
import { controlRoutes } from "./control";
import { FaultInjector } from "./faults";
import { nowIso } from "./http";
import { signingSecret, ulid } from "./ids";
import { Lifecycle } from "./lifecycle";
import { resolveMode } from "./mode";
import { createHandler } from "./pipeline";
import { adminRoutes } from "./routes-admin";
import { emailRoutes } from "./routes-emails";
import { mailboxRoutes } from "./routes-mailboxes";
import { oversightRoutes } from "./routes-oversight";
import { sendRoutes } from "./routes-send";
import { EmulatorStore, scopeProblem } from "./store";
import type { EmulatorOptions, RunningEmulator } from "./types";
import { WebhookDispatcher } from "./webhooks";

export type { EmulatorMode, EmulatorOptions, RunningEmulator, Scope } from "./types";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function seed(store: EmulatorStore, opts: EmulatorOptions): void {
  for (const key of opts.keys ?? []) {
    const problem = scopeProblem(key.scopes);
    if (problem) throw new Error(`Emulator key ${key.name ?? key.key.slice(0, 12)}: ${problem}`);
    store.addKey(key);
  }
  for (const mailbox of opts.mailboxes ?? []) store.addMailbox(mailbox);
  for (const hook of opts.webhooks ?? []) {
    if (hook.mailbox_id && !store.mailboxes.has(hook.mailbox_id)) {
      throw new Error(`Emulator webhook ${hook.url}: unknown mailbox_id ${hook.mailbox_id}`);
    }
    const id = ulid();
    store.subscriptions.set(id, {
      id,
      url: hook.url,
      events: hook.events ?? [],
      mailbox_id: hook.mailbox_id ?? null,
      signing_secret: hook.secret ?? signingSecret(),
      created_at: nowIso(),
    });
  }
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Throws if a seeded key combines `send` and `oversight` (multimail-api.md §1 "Scopes"). */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = opts.log ?? (() => undefined);
  const mode = resolveMode(opts);
  const store = new EmulatorStore();
  seed(store, opts);
  const webhooks = new WebhookDispatcher(store, {
    retryDelaysMs: opts.webhookRetryDelaysMs ?? [1000, 4000, 16000],
    timeoutMs: opts.webhookTimeoutMs ?? 5000,
    log,
  });
  const lifecycle = new Lifecycle(store, webhooks, mode, {
    scanDelayMs: opts.scanDelayMs ?? 1500,
    deliveryDelayMs: opts.deliveryDelayMs ?? 1000,
    log,
  });
  const app: EmulatorContext = {
    store,
    webhooks,
    lifecycle,
    faults: new FaultInjector(),
    mode,
    log,
  };
  const routes = [...mailboxRoutes(app), ...sendRoutes(app), ...emailRoutes(app), ...oversightRoutes(app), ...adminRoutes(app), ...controlRoutes(app)];

  let baseUrl = "";
  const handle = createHandler(app, routes, {
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    baseUrl: () => baseUrl,
  });
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`request failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: "Internal server error" }));
    });
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${urlHost(host)}:${port}`;
  log(`MultiMail emulator listening on ${baseUrl}`);

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    close() {
      closing ??= new Promise<void>((resolve) => {
        lifecycle.clearAll();
        webhooks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
