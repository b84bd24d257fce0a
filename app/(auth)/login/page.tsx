// Sign in. With no user yet, the first-run page instead.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/safe-next";
import { currentUser, hasAnyUser } from "@/lib/auth/session";
import { oidcConfig } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const { next } = await searchParams;
  const safeNext = safeNextPath(next);
  if (await currentUser()) redirect(safeNext);
  const sso = oidcConfig();
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <SignInForm next={safeNext} sso={sso ? { label: sso.label } : null} />
    </>
  );
}
