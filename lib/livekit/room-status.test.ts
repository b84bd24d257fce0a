// The live check, with the real RoomServiceClient against the Twirp fake (livekit.md §2, layer 2).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { startTwirpFake, type TwirpFake } from "@/sandbox/livekit/twirp-fake";
import { LIVEKIT_KEYS } from "@/test/livekit";
import { clearLiveStatusCache, liveStatus } from "./room-status";

describe("whether a call is still live", () => {
  let fake: TwirpFake;

  beforeAll(async () => {
    fake = await startTwirpFake(LIVEKIT_KEYS);
    vi.stubEnv("LIVEKIT_URL", fake.url);
    vi.stubEnv("LIVEKIT_API_KEY", LIVEKIT_KEYS.apiKey);
    vi.stubEnv("LIVEKIT_API_SECRET", LIVEKIT_KEYS.apiSecret);
    resetEnvForTests();
  });
  beforeEach(() => clearLiveStatusCache());
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    await fake?.close();
  });

  it("is live while LiveKit lists the room with the same sid, with its participant count", async () => {
    const room = fake.addRoom({ name: "call-live", numParticipants: 2 });
    expect(await liveStatus({ roomSid: room.sid, roomName: "call-live" })).toMatchObject({ status: "live", participants: 2 });
    expect(fake.calls.at(-1)).toEqual({ method: "ListRooms", body: { names: ["call-live"] } });
  });

  it("is ended when the room is gone, or when only a newer room reuses the name", async () => {
    expect(await liveStatus({ roomSid: "RM_gone", roomName: "call-gone" })).toMatchObject({ status: "ended" });
    fake.addRoom({ name: "call-reused", sid: "RM_newer" });
    expect(await liveStatus({ roomSid: "RM_older", roomName: "call-reused" })).toMatchObject({ status: "ended" });
  });

  it("degrades to unknown when LiveKit fails, refuses the key, or is unreachable", async () => {
    fake.fail({ status: 503, code: "unavailable" });
    expect((await liveStatus({ roomSid: "RM_a", roomName: "call-a" })).status).toBe("unknown");

    vi.stubEnv("LIVEKIT_API_SECRET", "a-different-secret-0123456789abcdefghij");
    resetEnvForTests();
    clearLiveStatusCache();
    expect((await liveStatus({ roomSid: "RM_b", roomName: "call-b" })).status).toBe("unknown");
    vi.stubEnv("LIVEKIT_API_SECRET", LIVEKIT_KEYS.apiSecret);

    vi.stubEnv("LIVEKIT_URL", "http://127.0.0.1:9");
    resetEnvForTests();
    expect((await liveStatus({ roomSid: "RM_c", roomName: "call-c" })).status).toBe("unknown");
    vi.stubEnv("LIVEKIT_URL", fake.url);
    resetEnvForTests();
  });

  it("answers within its timeout when LiveKit hangs", async () => {
    fake.fail({ status: 503, delayMs: 3_000 });
    const started = Date.now();
    expect((await liveStatus({ roomSid: "RM_slow", roomName: "call-slow" }, { timeoutSeconds: 0.5 })).status).toBe("unknown");
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("caches an answer briefly", async () => {
    const room = fake.addRoom({ name: "call-cached" });
    const before = fake.calls.length;
    await liveStatus({ roomSid: room.sid, roomName: "call-cached" });
    await liveStatus({ roomSid: room.sid, roomName: "call-cached" });
    expect(fake.calls.length - before).toBe(1);
  });

  it("says it is not configured without LIVEKIT_URL", async () => {
    vi.stubEnv("LIVEKIT_URL", "");
    resetEnvForTests();
    expect((await liveStatus({ roomSid: "RM_x", roomName: "call-x" })).status).toBe("not_configured");
    vi.stubEnv("LIVEKIT_URL", fake.url);
    resetEnvForTests();
  });
});
