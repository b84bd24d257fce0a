// Browser notifications, opt-in per reviewer and per browser: the choice lives in localStorage (the
// permission is per browser anyway), and nothing is shown unless the reviewer turned it on and the
// browser granted the permission. Called from the live-updates stream and the claim notice.
import { useSyncExternalStore } from "react";
import type { ChangeEvent } from "@/lib/realtime/events-schema";

const KEY = "countersign.notifications";
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener); // turned on or off in another tab
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The setting of this browser; null while rendering on the server, which knows nothing of it. */
export function useNotificationSetting(): NotificationSetting | null {
  return useSyncExternalStore(subscribe, notificationSetting, () => null);
}

export type NotificationSetting = "unsupported" | "blocked" | "on" | "off";

export function notificationSetting(): NotificationSetting {
  if (typeof window === "undefined" || !("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(KEY) === "on" ? "on" : "off";
}

/** Turns notifications on (asking the browser's permission, so call it from a click) or off. */
export async function setNotifications(on: boolean): Promise<NotificationSetting> {
  if (notificationSetting() === "unsupported") return "unsupported";
  if (on) {
    const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    if (permission === "granted") localStorage.setItem(KEY, "on");
  } else localStorage.removeItem(KEY);
  for (const listener of listeners) listener();
  return notificationSetting();
}

function show(title: string, options: { body: string; tag: string; url: string }) {
  if (notificationSetting() !== "on") return;
  try {
    const n = new Notification(title, { body: options.body, tag: options.tag });
    n.onclick = () => {
      window.focus();
      window.location.assign(options.url);
      n.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: nothing to show then.
  }
}

/** A change pushed by /api/events: a new held email, or one close to its SLA, is worth a notification. */
export function notifyChange(event: ChangeEvent): void {
  if (event.type === "item.near_breach" && event.itemId) notifyNearBreach({ itemId: event.itemId });
  if (event.type === "item.created" && event.itemId)
    show("New email to review", { body: "An agent's email is held and waiting for a decision.", tag: `held:${event.itemId}`, url: `/emails/${event.itemId}` });
}

/** A held email close to its mailbox's SLA. */
export function notifyNearBreach(item: { itemId: string; subject?: string }): void {
  show("Due soon", {
    body: `${item.subject ? `“${item.subject}”` : "A held email"} is close to its SLA.`,
    tag: `near_breach:${item.itemId}`,
    url: `/emails/${item.itemId}`,
  });
}

/** Someone took over the email this reviewer had open. */
export function notifyClaimTakenOver(item: { itemId: string; holder: string; subject?: string }): void {
  show(`${item.holder} took over an email`, {
    body: `${item.subject ? `“${item.subject}”` : "The email you had open"}: you cannot decide it while they review it.`,
    tag: `takeover:${item.itemId}`,
    url: `/emails/${item.itemId}`,
  });
}
