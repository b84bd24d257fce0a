// GET /api/queue/counts: the header's held and overdue counts, without a queue page.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { resetAuthForTests } from "@/lib/auth/auth";
import { reviewItems } from "@/lib/db/schema";
import { COUNT_LIMIT } from "@/lib/review/data";
import type { QueueCounts } from "@/lib/review/schemas";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { signedInCookie } from "@/test/sign-in";
import { GET } from "./route";

const ORIGIN = "http://localhost:3000";

describe.each(dbKinds())("the queue's counts on %s", (kind) => {
  const app = setUpAppDatabase(kind, { APP_URL: ORIGIN });
  let cookie = "";

  beforeAll(async () => {
    resetAuthForTests();
    cookie = await signedInCookie(app.db, ORIGIN, "vera@example.com", "viewer");
    const hour = 3_600_000;
    await app.db.insert(reviewItems).values([
      { rootEmailId: "em-c1", currentEmailId: "em-c1", mailboxId: "mb-c", state: "pending", heldAt: new Date(Date.now() - 5 * hour), dueAt: new Date(Date.now() - hour) },
      { rootEmailId: "em-c2", currentEmailId: "em-c2", mailboxId: "mb-c", state: "pending", heldAt: new Date(Date.now() - hour), dueAt: new Date(Date.now() + hour) },
      { rootEmailId: "em-c3", currentEmailId: "em-c3", mailboxId: "mb-c", state: "pending", heldAt: new Date(Date.now() - hour) },
      {
        rootEmailId: "em-c4",
        currentEmailId: "em-c4",
        mailboxId: "mb-c",
        state: "approved",
        heldAt: new Date(Date.now() - 9 * hour),
        dueAt: new Date(Date.now() - 8 * hour),
      },
    ]);
    return () => resetAuthForTests();
  });

  const counts = (withCookie = true) => GET(new NextRequest(`${ORIGIN}/api/queue/counts`, { headers: withCookie ? { cookie } : {} }), { params: Promise.resolve({}) });

  it("counts held emails and those past their due time, decided ones in neither", async () => {
    const response = await counts();
    expect(response.status).toBe(200);
    expect((await response.json()) as QueueCounts).toEqual({ pending: 3, overdue: 1, limit: COUNT_LIMIT });
  });

  it("answers 401 without a session", async () => {
    expect((await counts(false)).status).toBe(401);
  });
});
