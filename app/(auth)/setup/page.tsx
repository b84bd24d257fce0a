// First run: no account exists yet, so the first person creates the admin account.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NewAccountForm } from "@/components/auth/new-account-form";
import { createFirstAdminAction } from "@/lib/accounts/actions";
import { hasAnyUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  return (
    <>
      <h1 className="text-lg font-semibold">Create the first admin</h1>
      <p className="mb-4 mt-1 text-sm text-muted">Countersign has no accounts yet. This one can invite reviewers and manage settings.</p>
      <NewAccountForm submitLabel="Create admin and sign in" onCreate={createFirstAdminAction} />
    </>
  );
}
