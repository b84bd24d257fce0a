// Settings (admins): what needs attention, people and roles, invites, review rules, agent API keys, and the MultiMail connection.
import type { Metadata } from "next";
import { AgentKeysPanel } from "@/components/settings/agent-keys-panel";
import { AttentionPanel } from "@/components/settings/attention-panel";
import { HooksPanel } from "@/components/settings/hooks-panel";
import { InvitesPanel } from "@/components/settings/invites-panel";
import { LiveKitPanel } from "@/components/settings/livekit-panel";
import { MultiMailPanel } from "@/components/settings/multimail-panel";
import { ReviewSettingsPanel } from "@/components/settings/review-settings-panel";
import { SlaPanel } from "@/components/settings/sla-panel";
import { UsersPanel } from "@/components/settings/users-panel";
import { listOpenInvites } from "@/lib/auth/invites";
import { listUsers } from "@/lib/auth/manage-users";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { multimailConfig, oidcConfig } from "@/lib/env";
import { listHooks, listMailboxOptions } from "@/lib/hooks/manage";
import { listAgentKeys } from "@/lib/inbox/agent-keys";
import { listItemsNeedingAttention, listRefusedDecisions, listWebhookBacklog } from "@/lib/review/attention-data";
import { reviewRules } from "@/lib/review/review-rules";
import { listMailboxSlas } from "@/lib/review/sla";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const me = await requirePageUser("admin");
  const db = await getDb();
  const [users, invites, rules, agentKeys, webhooks, refused, items] = await Promise.all([
    listUsers(db),
    listOpenInvites(db),
    reviewRules(db),
    listAgentKeys(db),
    listWebhookBacklog(db),
    listRefusedDecisions(db),
    listItemsNeedingAttention(db),
  ]);
  const slas = await listMailboxSlas(db);
  const [hooks, hookMailboxes] = await Promise.all([listHooks(db), listMailboxOptions(db)]);
  const multimail = multimailConfig();
  const sso = oidcConfig();
  // grid-cols-1 is minmax(0, 1fr): a wide control (the invite's role select) must not widen the page on a phone.
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <h1 className="text-xl font-semibold lg:col-span-2">Settings</h1>
      <AttentionPanel webhooks={webhooks} refused={refused} items={items} />
      <UsersPanel meId={me.id} users={users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, active: !u.banned }))} />
      <div className="space-y-4">
        <InvitesPanel invites={invites.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() }))} />
        <ReviewSettingsPanel fourEyes={rules.fourEyes} undoGraceSeconds={rules.undoGraceSeconds} />
        <SlaPanel mailboxes={slas} />
        <AgentKeysPanel keys={agentKeys} />
        <section aria-labelledby="connections-title" className="rounded-md border border-line bg-panel p-4 text-sm">
          <h2 id="connections-title" className="mb-2 font-semibold">
            Connections
          </h2>
          <p>
            MultiMail:{" "}
            {multimail.configured
              ? `connected to ${multimail.apiUrl}${multimail.sendKey ? "" : " (no send key: editing is off)"}`
              : `not connected (missing ${multimail.missing.join(", ")})`}
          </p>
          <p>
            Single sign-on: {sso ? `on, through ${sso.issuer}; new people get the ${sso.defaultRole} role` : "off (set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)"}
          </p>
        </section>
        <LiveKitPanel />
      </div>
      <MultiMailPanel />
      <div className="min-w-0 lg:col-span-2">
        <HooksPanel hooks={hooks} mailboxes={hookMailboxes} />
      </div>
    </div>
  );
}
