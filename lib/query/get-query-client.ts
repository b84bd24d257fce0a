// One QueryClient factory: a new client per server request, one singleton in the browser.
import { QueryClient, defaultShouldDehydrateQuery, environmentManager } from "@tanstack/react-query";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: true },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient() {
  if (environmentManager.isServer()) return makeQueryClient();
  // A browser singleton, so a suspending render does not throw its cache away.
  browserClient ??= makeQueryClient();
  return browserClient;
}
