"use client";
// The reviewer's switch for browser notifications (new held email, near SLA breach, a claim taken
// over). It asks the browser's permission only when clicked, never on load.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { setNotifications, useNotificationSetting, type NotificationSetting } from "./notify";

const why: Partial<Record<NotificationSetting, string>> = {
  unsupported: "This browser cannot show notifications.",
  blocked: "Notifications are blocked for this site: allow them in the browser's site settings, then turn them on here.",
};

export function NotificationToggle() {
  const setting = useNotificationSetting();
  const [busy, setBusy] = useState(false);
  if (setting === null) return null;
  const on = setting === "on";
  const disabled = busy || setting === "unsupported";
  return (
    <span className="inline-flex items-center gap-2 text-sm">
      <Button
        size="sm"
        variant="ghost"
        aria-pressed={on}
        disabled={disabled}
        title={why[setting]}
        aria-describedby={why[setting] ? "notification-toggle-why" : undefined}
        onClick={async () => {
          setBusy(true);
          await setNotifications(!on);
          setBusy(false);
        }}
      >
        <span aria-hidden="true">{on ? "🔔" : "🔕"}</span> Notifications {on ? "on" : "off"}
      </Button>
      {why[setting] ? (
        <span id="notification-toggle-why" className="sr-only">
          {why[setting]}
        </span>
      ) : null}
    </span>
  );
}
