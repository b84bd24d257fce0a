// The people of the e2e world, created from the shell before the app starts (npm run user:create's code).
export const E2E_USERS = {
  admin: { email: "ada.admin@e2e.test", name: "Ada Admin", role: "admin", password: "admin-password-1" },
  reviewer: { email: "rita.reviewer@e2e.test", name: "Rita Reviewer", role: "reviewer", password: "reviewer-password-1" },
  second: { email: "sam.second@e2e.test", name: "Sam Second", role: "reviewer", password: "second-password-1" },
  viewer: { email: "val.viewer@e2e.test", name: "Val Viewer", role: "viewer", password: "viewer-password-1" },
  // Signs out everywhere in its spec, so nobody else may depend on its sessions.
  leaver: { email: "lee.leaver@e2e.test", name: "Lee Leaver", role: "reviewer", password: "leaver-password-1" },
} as const;

export type E2EUser = keyof typeof E2E_USERS;

export const storageStatePath = (who: E2EUser) => `e2e/.auth/${who}.json`;
