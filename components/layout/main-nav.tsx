"use client";
// The main navigation: inline links from 768 px, a menu button with a disclosure panel below that,
// so every page stays one tap away on a phone. The current section is marked (aria-current) and the
// Queue link carries the live overdue count.
import Link from "next/link";
import { usePathname } from "@/lib/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { countText, useQueueCounts } from "./use-queue-counts";

export interface NavLink {
  href: string;
  label: string;
}

/** The link whose section the path is in: "/" only for the queue and the review pages. */
function isCurrent(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/" || pathname.startsWith("/emails/");
  return pathname === href || pathname.startsWith(`${href}/`);
}

function Overdue({ count, limit }: { count: number; limit: number }) {
  if (count <= 0) return null;
  const text = countText(count, limit);
  return (
    <>
      <span aria-hidden className="ml-1.5 inline-flex items-center rounded-full bg-bad px-1.5 text-xs font-semibold leading-5 text-white dark:text-bg" data-overdue>
        {text}
      </span>
      <span className="sr-only"> {text} overdue</span>
    </>
  );
}

export function MainNav({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  const counts = useQueueCounts();
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  // A navigation closes the menu.
  if (open && openedAt !== pathname) setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const items = (variant: "bar" | "panel") =>
    links.map((l) => {
      const current = isCurrent(l.href, pathname);
      const style =
        variant === "bar"
          ? `inline-flex items-center rounded-md px-2 py-1 ${current ? "bg-bg font-medium text-fg" : "text-muted hover:text-fg"}`
          : `flex items-center rounded-md px-3 py-2.5 ${current ? "bg-bg font-medium text-fg" : "text-muted hover:bg-bg hover:text-fg"}`;
      return (
        <li key={l.href}>
          <Link href={l.href} aria-current={current ? "page" : undefined} className={style} onClick={() => setOpen(false)}>
            {l.label}
            {l.href === "/" && counts ? <Overdue count={counts.overdue} limit={counts.limit} /> : null}
          </Link>
        </li>
      );
    });

  return (
    <nav aria-label="Main" className="min-w-0 text-sm">
      <ul className="hidden items-center gap-1 md:flex">{items("bar")}</ul>
      <div className="md:hidden">
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => {
            setOpenedAt(pathname);
            setOpen((o) => !o);
          }}
          className="inline-flex items-center gap-2 rounded-md border border-line px-2.5 py-1.5 font-medium hover:bg-bg"
        >
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
            {open ? <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" /> : <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />}
          </svg>
          Menu
          {counts && counts.overdue > 0 ? <Overdue count={counts.overdue} limit={counts.limit} /> : null}
        </button>
        <div ref={panelRef} id={panelId} hidden={!open} className="absolute inset-x-0 top-full z-40 border-b border-line bg-panel px-3 py-2 shadow-lg">
          <ul className="flex flex-col gap-0.5">{items("panel")}</ul>
        </div>
      </div>
    </nav>
  );
}
