// GET /api/items/{id}/history: an email's story in words for its History panel, read on its own.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { resetAuthForTests } from "@/lib/auth/auth";
import { auditLog, reviewItems } from "@/lib/db/schema";
import type { ItemHistory } from "@/lib/review/schemas";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { segment } from "@/test/livekit";
import { GET } from "./route";
import { signedInCookie } from "@/test/sign-in";

const ORIGIN = "http://localhost:3000";

describe.each(dbKinds())("an email's history on %s", (kind) => {
  const app = setUpAppDatabase(kind, { APP_URL: ORIGIN });
  let cookie = "";
  let itemId = "";

  beforeAll(async () => {
    resetAuthForTests();
    cookie = await signedInCookie(app.db, ORIGIN, "vera@example.com", "viewer");
    const [item] = await app.db
      .insert(reviewItems)
      .values({ rootEmailId: "em-history", currentEmailId: "em-history", mailboxId: "mb-h", state: "pending", heldAt: new Date(Date.UTC(2026, 0, 5, 9)) })
      .returning();
    itemId = item!.id;
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
    await app.db.insert(auditLog).values([
      { actor: "multimail", action: "email.held", itemId, emailId: "em-history", details: {}, at: at(0) },
      { actor: "Rita <rita@example.com>", action: "claim.released", itemId, emailId: "em-history", details: {}, at: at(1) },
      { actor: "Rita <rita@example.com>", action: "decision.approve", itemId, emailId: "em-history", details: { reason: "Approved by Rita" }, at: at(2) },
    ]);
    return () => resetAuthForTests();
  });

  const historyOf = (id: string, withCookie = true) =>
    GET(new NextRequest(`${ORIGIN}/api/items/${id}/history`, { headers: withCookie ? { cookie } : {} }), segment({ id }));

  it("gives a viewer the email's entries oldest first, without claim releases", async () => {
    const response = await historyOf(itemId);
    expect(response.status).toBe(200);
    const history = (await response.json()) as ItemHistory;
    expect(history.map((h) => h.action)).toEqual(["email.held", "decision.approve"]);
    expect(history.every((h) => typeof h.summary === "string" && h.summary.length > 0)).toBe(true);
  });

  it("answers 404 for an unknown or malformed id and 401 without a session", async () => {
    expect((await historyOf("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await historyOf("not-an-id")).status).toBe(404);
    expect((await historyOf(itemId, false)).status).toBe(401);
  });
});
