// Percentiles and ratios for the report: every figure is compared with a baseline from the same run.

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

export const ratio = (value: number, baseline: number): number => (baseline > 0 ? value / baseline : Number.NaN);

/** Milliseconds since `start` (a process.hrtime.bigint() value). */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
