// A real OpenID Connect provider (the oidc-provider package) for the SSO spec: its own login and
// consent pages accept any user name, whose account is <name>@sso.e2e.test.
import Provider from "oidc-provider";
import { E2E } from "./ports";

const provider = new Provider(E2E.oidcUrl, {
  clients: [
    {
      client_id: E2E.appEnv.OIDC_CLIENT_ID!,
      client_secret: E2E.appEnv.OIDC_CLIENT_SECRET!,
      redirect_uris: [`${E2E.appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(_ctx, id) {
    const login = id.toLowerCase().replace(/[^a-z0-9.-]/g, "");
    return {
      accountId: id,
      claims: async () => ({ sub: id, email: `${login}@sso.e2e.test`, email_verified: true, name: `SSO ${id}` }),
    };
  },
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;
const server = provider.listen(E2E.oidcPort, "127.0.0.1");
process.stdout.write(`e2e OIDC provider at ${E2E.oidcUrl}\n`);
const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
