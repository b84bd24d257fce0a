// Test helpers: an emulator with known keys, a fetch wrapper, and a node:http webhook receiver.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "./emulator";

export const KEYS = {
  oversight: "mm_live_test_oversight",
  oversightRead: "mm_live_test_oversight_read",
  send: "mm_live_test_send",
  admin: "mm_live_test_admin",
  readOnly: "mm_live_test_read",
} as const;

export const MAILBOX = "01JMXK9F2A0000000000000001";
export const MONITORED = "01JMXK9F2A0000000000000002";
export const GATED_ALL = "01JMXK9F2A0000000000000003";
export const READ_ONLY = "01JMXK9F2A0000000000000004";

export interface Harness {
  emulator: RunningEmulator;
  url: string;
  /** fetch against the emulator; `key` adds a Bearer header, `json` a JSON body. */
  api(path: string, init?: { method?: string; key?: string; json?: unknown; headers?: Record<string, string>; body?: string }): Promise<Response>;
  control<T = Record<string, unknown>>(path: string, json?: unknown, method?: string): Promise<T>;
  send(body?: Record<string, unknown>, mailbox?: string): Promise<{ id: string; status: string; thread_id: string }>;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({
    port: 0,
    scanDelayMs: 50,
    deliveryDelayMs: 50,
    webhookRetryDelaysMs: [50, 100, 150],
    webhookTimeoutMs: 1000,
    keys: [
      { key: KEYS.oversight, scopes: ["oversight", "read"], name: "reviewer-dashboard" },
      { key: KEYS.oversightRead, scopes: ["oversight_read", "read"], name: "queue-viewer" },
      { key: KEYS.send, scopes: ["send", "read"], name: "voice-agent" },
      { key: KEYS.admin, scopes: ["admin"], name: "operator" },
      { key: KEYS.readOnly, scopes: ["read"], name: "reader" },
    ],
    mailboxes: [
      { id: MAILBOX, address: "followups@acme-dental.example", display_name: "Acme Dental Follow-ups" },
      { id: MONITORED, address: "monitored@acme-dental.example", oversight_mode: "monitored" },
      { id: GATED_ALL, address: "gated-all@acme-dental.example", oversight_mode: "gated_all" },
      { id: READ_ONLY, address: "archive@acme-dental.example", oversight_mode: "read_only" },
    ],
    ...options,
  });
  const api: Harness["api"] = (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.key) headers.Authorization = `Bearer ${init.key}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    return fetch(`${emulator.url}${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
  };
  const control: Harness["control"] = async (path, json, method) => {
    const res = await api(`/__emulator${path}`, { method: method ?? (json === undefined ? "GET" : "POST"), json });
    const parsed = (await res.json()) as never;
    if (!res.ok) throw new Error(`control ${path} → ${res.status} ${JSON.stringify(parsed)}`);
    return parsed;
  };
  const send: Harness["send"] = async (body = {}, mailbox = MAILBOX) => {
    const res = await api(`/v1/mailboxes/${mailbox}/send`, {
      key: KEYS.send,
      json: { to: ["jane@example.com"], subject: "Your appointment", markdown: "See you **Tuesday**.", ...body },
    });
    if (res.status !== 202) throw new Error(`send → ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; status: string; thread_id: string };
  };
  return { emulator, url: emulator.url, api, control, send, close: () => emulator.close() };
}

export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("waitFor timed out");
    await new Promise((r) => setTimeout(r, 15));
  }
}

export interface ReceivedWebhook {
  raw: string;
  headers: IncomingHttpHeaders;
  json: { event: string; timestamp: string; data: Record<string, unknown> };
  answeredWith: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status to answer per call (0-based); default 200. Return a negative number to never answer. */
  respond: (index: number) => number | Promise<number>;
  close(): Promise<void>;
}

export async function startReceiver(respond: WebhookReceiver["respond"] = () => 200): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], respond, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const index = receiver.received.length;
      const entry: ReceivedWebhook = { raw, headers: req.headers, json: JSON.parse(raw) as ReceivedWebhook["json"], answeredWith: 0 };
      receiver.received.push(entry);
      void Promise.resolve(receiver.respond(index)).then((status) => {
        entry.answeredWith = status;
        if (status < 0) return;
        res.writeHead(status, { "Content-Type": "text/plain" });
        res.end("ok");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/multimail`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

/** Independent check of multimail-api.md §4: `sha256=` + hex HMAC-SHA256(raw body, full whsec_ secret). */
export function signatureIsValid(secret: string, raw: string, header: string | string[] | undefined): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(raw).digest("hex"));
  const actual = Buffer.from(header.slice("sha256=".length));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
