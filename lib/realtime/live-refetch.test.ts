// A live change never throws away a refetch in flight: its answer is shown, then one more refetch
// picks up what changed after it started. On TanStack's own QueryClient, with a watched query.
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { liveRefetch } from "./live-refetch";

/** A watched query whose every fetch waits until the test answers it. */
function watchedQuery() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const fetches: { answer(rows: string[]): void; aborted(): boolean }[] = [];
  const observer = new QueryObserver<string[]>(queryClient, {
    queryKey: ["queue", "list", { state: "pending" }],
    queryFn: ({ signal }) =>
      new Promise<string[]>((resolve) => {
        fetches.push({ answer: resolve, aborted: () => signal.aborted });
      }),
  });
  const shown: string[][] = [];
  const unsubscribe = observer.subscribe((result) => {
    if (result.data && shown.at(-1) !== result.data) shown.push(result.data);
  });
  return { queryClient, fetches, shown, unsubscribe };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("refetching on live changes", () => {
  const open: (() => void)[] = [];
  afterEach(() => {
    for (const close of open.splice(0)) close();
  });

  it("lets a refetch in flight land, then refetches once more for the changes after it", async () => {
    const { queryClient, fetches, shown, unsubscribe } = watchedQuery();
    const live = liveRefetch(queryClient);
    open.push(unsubscribe, () => live.close());
    await settle();
    fetches[0]!.answer(["older"]);
    await settle();
    expect(shown).toEqual([["older"]]);

    live.refetch(["queue"]); // the email is held: its row exists
    await settle();
    expect(fetches).toHaveLength(2);
    live.refetch(["queue"]); // its findings were counted
    live.refetch(["queue"]); // its thread changed
    await settle();
    expect(fetches[1]!.aborted()).toBe(false);
    expect(fetches).toHaveLength(2);

    fetches[1]!.answer(["older", "new row"]);
    await settle();
    await settle();
    // The new row is shown from the first refetch; exactly one more follows for the later changes.
    expect(shown).toEqual([["older"], ["older", "new row"]]);
    expect(fetches).toHaveLength(3);
    fetches[2]!.answer(["older", "new row (3 findings)"]);
    await settle();
    expect(shown.at(-1)).toEqual(["older", "new row (3 findings)"]);
    expect(fetches).toHaveLength(3);
  });

  it("refetches at once when nothing is in flight, and stops once closed", async () => {
    const { queryClient, fetches, unsubscribe } = watchedQuery();
    const live = liveRefetch(queryClient);
    open.push(unsubscribe);
    await settle();
    fetches[0]!.answer([]);
    await settle();
    live.refetch(["queue"]);
    await settle();
    expect(fetches).toHaveLength(2);
    live.refetch(["queue"]);
    live.close();
    fetches[1]!.answer(["a"]);
    await settle();
    await settle();
    expect(fetches).toHaveLength(2);
    live.refetch(["queue"]);
    await settle();
    expect(fetches).toHaveLength(2);
  });
});
