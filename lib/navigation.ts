// next/navigation's usePathname and useSearchParams as the App Router has them. Next types both as
// possibly null once a pages/ directory exists (in the Pages Router they are null before hydration);
// Countersign's pages/ holds only the machine routes (lib/http/machine-route.ts), so in its
// components, all under app/, neither ever is.
import { usePathname as usePathnameOrNull, useSearchParams as useSearchParamsOrNull, type ReadonlyURLSearchParams } from "next/navigation";

function appRouterOnly<T>(value: T | null, hook: string): T {
  if (value === null) throw new Error(`${hook} returned null: it is used outside the App Router.`);
  return value;
}

export function usePathname(): string {
  return appRouterOnly(usePathnameOrNull(), "usePathname");
}

export function useSearchParams(): ReadonlyURLSearchParams {
  return appRouterOnly(useSearchParamsOrNull(), "useSearchParams");
}
