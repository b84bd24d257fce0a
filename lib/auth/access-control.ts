// better-auth's admin plugin roles, mapped to Countersign's three roles.
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";

export const ac = createAccessControl({ ...defaultStatements, review: ["read", "decide"] });

export const authRoles = {
  admin: ac.newRole({ ...adminAc.statements, review: ["read", "decide"] }),
  reviewer: ac.newRole({ review: ["read", "decide"] }),
  viewer: ac.newRole({ review: ["read"] }),
};
