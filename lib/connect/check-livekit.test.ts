// Settings → LiveKit on a real database, with the real RoomServiceClient against the Twirp fake: the
// last signed webhook, transcript uploads, and whether the server answers (or why not).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { voiceTranscripts, webhookDeliveries } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { startTwirpFake, type TwirpFake } from "@/sandbox/livekit/twirp-fake";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { LIVEKIT_KEYS } from "@/test/livekit";
import { checkLiveKit } from "./check-livekit";

describe.each(dbKinds())("the LiveKit check on %s", (kind) => {
  const app = setUpAppDatabase(kind, { APP_URL: "https://countersign.example", LIVEKIT_API_KEY: LIVEKIT_KEYS.apiKey, LIVEKIT_API_SECRET: LIVEKIT_KEYS.apiSecret });
  let fake: TwirpFake;
  beforeAll(async () => {
    fake = await startTwirpFake(LIVEKIT_KEYS);
  });
  afterAll(() => fake?.close());

  it("says what is missing when nothing arrived and no server is set", async () => {
    const s = await checkLiveKit(app.db);
    expect(s.webhook).toEqual({ configured: true, missing: [], expectedUrl: "https://countersign.example/api/webhooks/livekit", lastReceived: null });
    expect(s.transcripts).toMatchObject({ configured: false, missing: ["TRANSCRIPT_INGEST_KEY", "TRANSCRIPT_INGEST_SECRET"], count: 0, last: null });
    expect(s.server).toEqual({ configured: false, missing: ["LIVEKIT_URL"] });
  });

  it("shows the newest signed webhook and transcript, and the server's answer", async () => {
    await app.db.insert(webhookDeliveries).values([
      { source: "livekit", dedupeKey: "a", eventType: "room_started", payload: {}, receivedAt: new Date("2026-01-01T10:00:00Z") },
      { source: "livekit", dedupeKey: "b", eventType: "room_finished", payload: {}, receivedAt: new Date("2026-01-01T11:00:00Z") },
      { source: "multimail", dedupeKey: "c", eventType: "oversight.pending", payload: {}, receivedAt: new Date("2026-01-01T12:00:00Z") },
    ]);
    await app.db
      .insert(voiceTranscripts)
      .values({ roomSid: "RM_1", jobId: "AJ_1", roomName: "call-1", items: [], itemCount: 4, bodySha256: "x", receivedAt: new Date("2026-01-01T11:05:00Z") });
    vi.stubEnv("LIVEKIT_URL", fake.url);
    resetEnvForTests();
    fake.addRoom({ name: "call-live" });
    const s = await checkLiveKit(app.db);
    expect(s.webhook.lastReceived).toEqual({ at: "2026-01-01T11:00:00.000Z", eventType: "room_finished" });
    expect(s.transcripts).toMatchObject({ count: 1, last: { at: "2026-01-01T11:05:00.000Z", roomName: "call-1", items: 4 } });
    expect(s.server).toEqual({ configured: true, url: fake.url, reachable: true, activeRooms: 1 });

    fake.fail({ status: 401, code: "unauthenticated" });
    const refused = await checkLiveKit(app.db);
    expect(refused.server).toMatchObject({ configured: true, reachable: false });

    vi.stubEnv("LIVEKIT_URL", "http://127.0.0.1:9");
    resetEnvForTests();
    expect((await checkLiveKit(app.db)).server).toMatchObject({ reachable: false, message: expect.any(String) });
  });
});
