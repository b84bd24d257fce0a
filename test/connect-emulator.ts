// The MultiMail emulator with one key per scope combination, for the Settings → MultiMail tests
// (lib/connect/connect.test.ts and the webhook route's registered-secret test).
import { afterAll, beforeAll, expect } from "vitest";
import { AppError } from "@/lib/errors";
import { createMultiMailClient } from "@/lib/multimail/client";
import { startHarness, type Harness } from "@/sandbox/multimail/test-helpers";

export const SECRETS_KEY = "test-secrets-key-0123456789abcdef-0123456789";

export const K = {
  oversight: "mm_live_k1_oversight",
  oversightRead: "mm_live_k2_oversight_read",
  oversightAdmin: "mm_live_k3_oversight_admin",
  send: "mm_live_k4_send",
  sendAdmin: "mm_live_k5_send_admin",
  read: "mm_live_k6_read",
  admin: "mm_live_k7_admin",
} as const;

/** Starts the emulator for the calling test file (and stops it after); `emu` is set once it runs. */
export function startConnectEmulator() {
  const world = {
    emu: undefined as unknown as Harness,
    client: (key: string) => createMultiMailClient({ baseUrl: world.emu.url, apiKey: key, retryBaseMs: 1, timeoutMs: 3_000 }),
    /** The newest unused code MultiMail "emailed to the operator" for an action. */
    operatorCode: async (action: string): Promise<string> => {
      const { codes } = await world.emu.control<{ codes: { code: string; action: string; used: boolean }[] }>("/approval-codes");
      const code = codes.filter((c) => c.action === action && !c.used).at(-1)?.code;
      if (!code) throw new Error(`no ${action} code was issued`);
      return code;
    },
  };
  beforeAll(async () => {
    world.emu = await startHarness({
      keys: [
        { key: K.oversight, scopes: ["oversight", "read"] },
        { key: K.oversightRead, scopes: ["oversight_read", "read"] },
        { key: K.oversightAdmin, scopes: ["oversight", "admin"] },
        { key: K.send, scopes: ["send", "read"] },
        { key: K.sendAdmin, scopes: ["send", "admin"] },
        { key: K.read, scopes: ["read"] },
        { key: K.admin, scopes: ["admin", "read"] },
      ],
    });
  });
  afterAll(() => world.emu?.close());
  return world;
}

/** The AppError a call was refused with (fails the test when it was not refused). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
