export function QueueEmpty({ configured, filtered }: { configured: boolean; filtered: boolean }) {
  if (!configured) {
    return (
      <div className="rounded-md border border-line bg-panel p-6">
        <h2 className="font-semibold">Connect MultiMail to start reviewing</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-muted">
          <li>
            Set <code>MULTIMAIL_API_URL</code> and an oversight key in <code>MULTIMAIL_OVERSIGHT_KEY</code> (scopes: oversight, read).
          </li>
          <li>
            For edits, add a send-scoped key in <code>MULTIMAIL_SEND_KEY</code> (MultiMail refuses one key with both scopes).
          </li>
          <li>
            Register <code>https://&lt;your host&gt;/api/webhooks/multimail</code> as a webhook and put its signing secret in <code>MULTIMAIL_WEBHOOK_SECRET</code>.
          </li>
          <li>Restart Countersign. Held emails appear here within seconds, or within 30 s if a webhook is lost.</li>
        </ol>
        <p className="mt-3 text-sm text-muted">
          To try it first without MultiMail, run <code>npm run demo</code>.
        </p>
      </div>
    );
  }
  return (
    <div className="rounded-md border border-line bg-panel p-8 text-center">
      <h2 className="font-semibold">{filtered ? "Nothing matches these filters" : "Nothing is waiting for review"}</h2>
      <p className="mt-1 text-sm text-muted">{filtered ? "Clear the search or pick another state." : "New held emails appear here as soon as MultiMail holds them."}</p>
    </div>
  );
}
