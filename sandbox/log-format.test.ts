import { describe, expect, it } from "vitest";
import { formatLogLine } from "./log-format";

describe("demo log formatter", () => {
  it("turns a pino JSON line into one readable line", () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 0, 2, 3, 4, 5),
      pid: 1,
      hostname: "h",
      app: "countersign",
      scope: "worker",
      job: "outbox",
      err: { message: "boom", stack: "Error: boom\n  at x" },
      msg: "background job failed; will retry",
    });
    expect(formatLogLine(line)).toBe('03:04:05 WARN  [worker] background job failed; will retry job=outbox err="boom"');
  });
  it("leaves other lines alone", () => {
    expect(formatLogLine("▲ Next.js 16")).toBe("▲ Next.js 16");
    expect(formatLogLine("{not json")).toBe("{not json");
    expect(formatLogLine('{"a":1}')).toBe('{"a":1}');
  });
});
