// better-auth's browser client (client-safe): sign-in, sign-out, SSO redirects. The generic OIDC
// provider is registered as a social provider, so SSO is `signIn.social({ provider: "oidc" })`.
import { adminClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ plugins: [adminClient()] });
