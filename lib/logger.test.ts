// Logged errors: MultiMail's say where they came from without a stack; every other keeps its stack.
import { describe, expect, it } from "vitest";
import { MultiMailError } from "@/lib/multimail/errors";
import { serializeError } from "./logger";

describe("logged errors", () => {
  it("writes a MultiMail error's endpoint, status and kind, without its stack", () => {
    const error = new MultiMailError({ status: 503, kind: "upstream", message: "Injected fault", endpoint: "GET /v1/oversight/pending", attempts: 4 });
    const out = serializeError(error);
    expect(out).toMatchObject({ type: "MultiMailError", message: "Injected fault", status: 503, kind: "upstream", endpoint: "GET /v1/oversight/pending", attempts: 4 });
    expect(out.stack).toBeUndefined();
    expect(out).not.toHaveProperty("logStack");
  });

  it("names an error by its declared name, not its constructor's (which a production build minifies)", () => {
    // What the bundler makes of `class AppError extends Error { override name = "AppError" }`.
    const ev = class extends Error {
      override name = "AppError";
    };
    expect(ev.name).toBe("ev");
    expect(serializeError(new ev("no such item")).type).toBe("AppError");
    // A library error that declares no name keeps its class's.
    class DatabaseError extends Error {}
    expect(serializeError(new DatabaseError("relation missing")).type).toBe("DatabaseError");
  });

  it("keeps the stack of any other error", () => {
    const out = serializeError(new TypeError("x is undefined"));
    expect(out).toMatchObject({ type: "TypeError", message: "x is undefined" });
    expect(String(out.stack)).toContain("TypeError: x is undefined");
  });
});
