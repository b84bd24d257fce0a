// Roles and what each may do (client-safe): viewer reads, reviewer decides, admin also manages.
import { z } from "zod";

export const roles = ["viewer", "reviewer", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const rank: Record<Role, number> = { viewer: 0, reviewer: 1, admin: 2 };

export function hasRole(actual: string | null | undefined, needed: Role): boolean {
  const parsed = roleSchema.safeParse(actual);
  return parsed.success && rank[parsed.data] >= rank[needed];
}

export const roleLabels: Record<Role, string> = {
  viewer: "Viewer — reads everything, decides nothing",
  reviewer: "Reviewer — claims, edits, approves, rejects",
  admin: "Admin — reviewer, plus users and settings",
};
