import Link from "next/link";

export default function NotFound() {
  return (
    <div className="rounded-md border border-line bg-panel p-6">
      <h1 className="text-lg font-semibold">No such email</h1>
      <p className="mt-1 text-sm text-muted">It may never have reached Countersign, or the link is wrong.</p>
      <Link href="/" className="mt-3 inline-block text-sm text-accent underline">
        Back to the queue
      </Link>
    </div>
  );
}
