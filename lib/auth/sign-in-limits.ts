// How many sign-in attempts may be made: per client address (SIGNIN_RATE_LIMIT a minute) and per
// account (SIGNIN_ACCOUNT_RATE_LIMIT a minute, from all addresses together). The account budget is
// larger than one address's, and only attempts the address budget let through count against it, so
// a single client can neither guess forever nor lock someone else out of their account.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { limitSubject } from "./client-address";
import { consumeBudget, type Verdict } from "./rate-limit";

const WINDOW_MS = 60_000;

export interface SignInLimits {
  perClient: number;
  perAccount: number;
}

export type SignInVerdict = { allowed: true } | (Extract<Verdict, { allowed: false }> & { limitedBy: "client" | "account" });

/** The account a sign-in names, hashed so the counters hold no email addresses. */
function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 32);
}

/** Counts one sign-in attempt from `client` (null: no trusted proxy reported one) for `email`. */
export async function consumeSignInAttempt(
  db: Db,
  attempt: { client: string | null; email: string | null },
  limits: SignInLimits,
  now = Date.now(),
): Promise<SignInVerdict> {
  const byClient = await consumeBudget(db, `signin|client|${limitSubject(attempt.client)}`, { max: limits.perClient, windowMs: WINDOW_MS }, now);
  if (!byClient.allowed) return { ...byClient, limitedBy: "client" };
  if (!attempt.email) return { allowed: true };
  const byAccount = await consumeBudget(db, `signin|account|${accountKey(attempt.email)}`, { max: limits.perAccount, windowMs: WINDOW_MS }, now);
  if (!byAccount.allowed) return { ...byAccount, limitedBy: "account" };
  return { allowed: true };
}
