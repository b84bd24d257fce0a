"use client";
// The browser tab follows the queue: the held count leads the page title ("(6) Queue · Countersign")
// and the icon gains a red dot while anything is overdue. Titles come from each page's metadata;
// this only prefixes them, again whenever a navigation replaces the title.
import { useEffect } from "react";
import { countText, useQueueCounts } from "./use-queue-counts";

const COUNT_PREFIX = /^\(\d+\+?\) /;
export const ICON = "/favicon.svg";
export const OVERDUE_ICON = "/favicon-overdue.svg";

function applyTitle(prefix: string) {
  const base = document.title.replace(COUNT_PREFIX, "");
  const next = `${prefix}${base}`;
  if (document.title !== next) document.title = next;
}

/** Points every icon link at the overdue icon, or back at the one the page declared. */
function applyIcon(overdue: boolean) {
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="icon"]')) {
    const declared = (link.dataset.declaredHref ??= link.getAttribute("href") ?? ICON);
    const href = overdue ? OVERDUE_ICON : declared;
    if (link.getAttribute("href") !== href) link.setAttribute("href", href);
  }
}

export function TabStatus() {
  const counts = useQueueCounts();
  const prefix = counts && counts.held > 0 ? `(${countText(counts.held, counts.limit)}) ` : "";
  const overdue = (counts?.overdue ?? 0) > 0;

  useEffect(() => {
    applyTitle(prefix);
    // Next.js sets the title of each page it navigates to (and React may re-render it): put the count back.
    const observer = new MutationObserver(() => applyTitle(prefix));
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [prefix]);

  useEffect(() => {
    applyIcon(overdue);
    const observer = new MutationObserver(() => applyIcon(overdue));
    observer.observe(document.head, { childList: true });
    return () => {
      observer.disconnect();
    };
  }, [overdue]);

  return null;
}
