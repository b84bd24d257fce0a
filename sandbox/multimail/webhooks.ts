// Signed webhook delivery with retries, a delivery log and a "drop" switch for lost-webhook tests.
import { createHmac } from "node:crypto";
import { nowIso } from "./http";
import { ulid } from "./ids";
import type { EmulatorStore } from "./store";
import type { Delivery, StoredEmail, Subscription, WebhookEvent } from "./types";
import { webhookDataView } from "./views";

export interface DispatcherOptions {
  retryDelaysMs: number[];
  timeoutMs: number;
  log: (line: string) => void;
}

/**
 * `sha256=<hex>` HMAC-SHA256 of the exact raw body, keyed with the whole `whsec_...` string
 * (multimail-api.md §4 "Signature"; whether the prefix is part of the key is unknown, §6.7).
 */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

function matches(sub: Subscription, event: string, mailboxId: string): boolean {
  const wantsEvent = sub.events.length === 0 || sub.events.includes(event);
  return wantsEvent && (sub.mailbox_id === null || sub.mailbox_id === mailboxId);
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  /** First attempts go out one at a time per subscription, so events arrive "in order" (§4 "Retries"). */
  private readonly queues = new Map<string, Promise<void>>();
  private dropRemaining: number | null | undefined = undefined;
  private closed = false;

  constructor(
    private readonly store: EmulatorStore,
    private readonly options: DispatcherOptions,
  ) {}

  /** Drop the next `count` deliveries; `null` drops everything until `stopDropping()`. */
  dropNext(count: number | null): void {
    this.dropRemaining = count;
  }

  stopDropping(): void {
    this.dropRemaining = undefined;
  }

  dropState(): { remaining: number | null } | null {
    return this.dropRemaining === undefined ? null : { remaining: this.dropRemaining };
  }

  emit(event: WebhookEvent, email: StoredEmail): void {
    if (this.closed) return;
    const data = webhookDataView(email, event);
    for (const sub of this.store.subscriptions.values()) {
      if (matches(sub, event, email.mailbox_id)) this.enqueue(sub, event, email.id, data);
    }
  }

  /** Cancels retries and in-flight requests (used by `reset` and `close`). */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
    this.queues.clear();
  }

  close(): void {
    this.closed = true;
    this.cancelAll();
  }

  private enqueue(sub: Subscription, event: string, emailId: string, data: Record<string, unknown>): void {
    // The body is serialised once; every retry resends these exact bytes.
    const body = JSON.stringify({ event, timestamp: nowIso(), data });
    const delivery: Delivery = {
      id: ulid(),
      subscription_id: sub.id,
      event_type: event,
      email_id: emailId,
      url: sub.url,
      status: "pending",
      attempts: 0,
      response_status: null,
      created_at: nowIso(),
      last_attempt_at: null,
      dropped: false,
      body,
      signature: signBody(sub.signing_secret, body),
      history: [],
    };
    this.store.deliveries.set(delivery.id, delivery);
    if (this.shouldDrop()) {
      delivery.status = "failed";
      delivery.dropped = true;
      this.options.log(`webhook ${event} for ${emailId} to ${sub.url} dropped (control API)`);
      return;
    }
    const previous = this.queues.get(sub.id) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(delivery));
    this.queues.set(sub.id, next);
    void next.finally(() => {
      if (this.queues.get(sub.id) === next) this.queues.delete(sub.id);
    });
  }

  private shouldDrop(): boolean {
    if (this.dropRemaining === undefined) return false;
    if (this.dropRemaining === null) return true;
    if (this.dropRemaining <= 0) {
      this.dropRemaining = undefined;
      return false;
    }
    this.dropRemaining -= 1;
    if (this.dropRemaining === 0) this.dropRemaining = undefined;
    return true;
  }

  /** Success is any 2xx within the timeout (§4: "assume any 2xx within a short timeout"). */
  private async attempt(delivery: Delivery): Promise<void> {
    if (this.closed || !this.store.deliveries.has(delivery.id)) return;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "MultiMail-Webhooks/1.0",
          "X-MultiMail-Signature": delivery.signature,
        },
        body: delivery.body,
        signal: controller.signal,
      });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      error = controller.signal.aborted ? "timeout" : err instanceof Error ? err.message : String(err);
      if (status !== null && error === "timeout") status = null;
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (this.closed || !this.store.deliveries.has(delivery.id)) return;
    const at = nowIso();
    delivery.attempts += 1;
    delivery.last_attempt_at = at;
    delivery.response_status = status;
    delivery.history.push({ at, response_status: status, error });
    if (status !== null && status >= 200 && status < 300 && error === null) {
      delivery.status = "delivered";
      return;
    }
    // "Failed deliveries retry up to 3 times with exponential backoff" (§4): one delay per retry.
    const delay = this.options.retryDelaysMs[delivery.attempts - 1];
    if (delay === undefined) {
      delivery.status = "failed";
      this.options.log(`webhook ${delivery.event_type} to ${delivery.url} failed after ${delivery.attempts} attempts`);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery);
    }, delay);
    this.timers.add(timer);
  }
}
