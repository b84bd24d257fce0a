// This deployment's own origins, from APP_URL: what better-auth trusts and what proxy.ts compares a
// request's Origin with. Pure, client-safe.

/** On a local machine both spellings of loopback reach the app. */
export function appOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  if (url.hostname !== "localhost" && url.hostname !== "127.0.0.1") return [url.origin];
  const port = url.port ? `:${url.port}` : "";
  return [`${url.protocol}//localhost${port}`, `${url.protocol}//127.0.0.1${port}`];
}
