// GET|POST /api/auth/* – better-auth's endpoints (sign-in, sign-out, sessions, SSO callbacks).
import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return (await getAuth()).handler(request);
}

export async function POST(request: Request) {
  return (await getAuth()).handler(request);
}
