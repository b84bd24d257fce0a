// Fault injection for tests and the demo: forced statuses, Retry-After and latency on matching requests,
// optionally for one email only (its id in the path, or as `email_id` in the body, as decide sends it).
import { ulid } from "./ids";
import type { Reply } from "./http";

export interface Fault {
  id: string;
  method: string | null;
  path_prefix: string | null;
  /** Only requests about this email: a path segment equal to it, or a JSON body `email_id` equal to it. */
  email_id: string | null;
  status: number | null;
  retry_after: number | null;
  delay_ms: number;
  /** Chance (0–1] that a matching request is hit; a request it spares neither fails nor uses up `remaining`. */
  probability: number;
  /** Remaining matches; null = until cleared. */
  remaining: number | null;
  /** Optional body override, e.g. the warmup 429 fields of multimail-api.md §1. */
  body: Record<string, unknown> | null;
}

export interface FaultInput {
  method?: string | null;
  path_prefix?: string | null;
  email_id?: string | null;
  status?: number | null;
  retry_after?: number | null;
  delay_ms?: number | null;
  probability?: number | null;
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
      email_id: input.email_id ?? null,
      status: input.status ?? null,
      retry_after: input.retry_after ?? null,
      delay_ms: input.delay_ms ?? 0,
      probability: input.probability ?? 1,
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

  /**
   * Consumes one use of the first matching fault that hits (see `probability`; later faults get their
   * own chance when an earlier one spares the request). `bodyEmailId` is the body's `email_id`, if any.
   */
  take(method: string, path: string, bodyEmailId: string | null = null, random: () => number = Math.random): Fault | null {
    const fault = this.faults.find(
      (f) =>
        (f.method === null || f.method === method) &&
        (f.path_prefix === null || path.startsWith(f.path_prefix)) &&
        (f.email_id === null || f.email_id === bodyEmailId || pathSegments(path).includes(f.email_id)) &&
        (f.probability >= 1 || random() < f.probability),
    );
    if (!fault) return null;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }
}

function pathSegments(path: string): string[] {
  return path.split("/").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

export function faultReply(fault: Fault): Reply | null {
  if (fault.status === null) return null;
  const headers: Record<string, string> = {};
  if (fault.retry_after !== null) headers["Retry-After"] = String(fault.retry_after);
  return { status: fault.status, body: { error: "Injected fault", ...(fault.body ?? {}) }, headers };
}
