// Fault injection for tests and the demo: forced statuses, Retry-After and latency on matching requests.
import { ulid } from "./ids";
import type { Reply } from "./http";

export interface Fault {
  id: string;
  method: string | null;
  path_prefix: string | null;
  status: number | null;
  retry_after: number | null;
  delay_ms: number;
  /** Remaining matches; null = until cleared. */
  remaining: number | null;
  /** Optional body override, e.g. the warmup 429 fields of multimail-api.md §1. */
  body: Record<string, unknown> | null;
}

export interface FaultInput {
  method?: string | null;
  path_prefix?: string | null;
  status?: number | null;
  retry_after?: number | null;
  delay_ms?: number | null;
  count?: number | null;
  body?: Record<string, unknown> | null;
}

export class FaultInjector {
  private faults: Fault[] = [];

  add(input: FaultInput): Fault {
    const fault: Fault = {
      id: ulid(),
      method: input.method ? input.method.toUpperCase() : null,
      path_prefix: input.path_prefix ?? null,
      status: input.status ?? null,
      retry_after: input.retry_after ?? null,
      delay_ms: input.delay_ms ?? 0,
      remaining: input.count === undefined ? 1 : input.count,
      body: input.body ?? null,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  /** Consumes one use of the first matching fault. */
  take(method: string, path: string): Fault | null {
    const fault = this.faults.find(
      (f) => (f.method === null || f.method === method) && (f.path_prefix === null || path.startsWith(f.path_prefix)),
    );
    if (!fault) return null;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }
}

export function faultReply(fault: Fault): Reply | null {
  if (fault.status === null) return null;
  const headers: Record<string, string> = {};
  if (fault.retry_after !== null) headers["Retry-After"] = String(fault.retry_after);
  return { status: fault.status, body: { error: "Injected fault", ...(fault.body ?? {}) }, headers };
}
