// The whole database schema, assembled from the table files of each domain (lib/db/tables/).
import { account, claims, invites, rateLimit, session, settings, user, verification } from "./tables/auth";
import { hookAttempts, hookDeliveries, hooks } from "./tables/hooks";
import { agentKeys, inboxReplies } from "./tables/inbox";
import { userPreferences } from "./tables/preferences";
import { auditLog, decisions, emails, leases, mailboxes, reviewItems, revisions, webhookDeliveries } from "./tables/review";
import { voiceParticipants, voiceRecordings, voiceSessions, voiceTranscripts } from "./tables/voice";

export { account, claims, invites, rateLimit, session, settings, user, verification };
export { auditLog, decisions, emails, leases, mailboxes, reviewItems, revisions, webhookDeliveries };
export { voiceParticipants, voiceRecordings, voiceSessions, voiceTranscripts };
export { agentKeys, inboxReplies };
export { userPreferences };
export { hooks, hookDeliveries, hookAttempts };

export const schema = {
  user,
  session,
  account,
  verification,
  rateLimit,
  invites,
  claims,
  settings,
  mailboxes,
  reviewItems,
  emails,
  decisions,
  revisions,
  webhookDeliveries,
  auditLog,
  leases,
  voiceSessions,
  voiceParticipants,
  voiceRecordings,
  voiceTranscripts,
  agentKeys,
  inboxReplies,
  userPreferences,
  hooks,
  hookDeliveries,
  hookAttempts,
};
export type Schema = typeof schema;
