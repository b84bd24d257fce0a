// Accept an invite: create an account with the role the admin chose.
import type { Metadata } from "next";
import { NewAccountForm } from "@/components/auth/new-account-form";
import { acceptInviteAction } from "@/lib/accounts/actions";
import { findUsableInvite } from "@/lib/auth/invites";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Accept invite", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findUsableInvite(await getDb(), token);
  if (!invite) {
    return (
      <>
        <h1 className="text-lg font-semibold">This invite cannot be used</h1>
        <p className="mt-2 text-sm text-muted">It is invalid, expired or already used. Ask an admin for a new link.</p>
      </>
    );
  }
  async function accept(input: { name: string; email: string; password: string }) {
    "use server";
    return acceptInviteAction({ ...input, token });
  }
  return (
    <>
      <h1 className="text-lg font-semibold">Join Countersign</h1>
      <p className="mb-4 mt-1 text-sm text-muted">You were invited as a {invite.role}.</p>
      <NewAccountForm submitLabel="Create account" fixedEmail={invite.email} onCreate={accept} />
    </>
  );
}
