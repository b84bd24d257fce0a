"use client";
// One panel's own boundary: a placeholder while its data streams in, and its own error when the data
// cannot load, so one slow or failed read never holds up or breaks the rest of the page.
import { Component, Suspense, type ReactNode } from "react";

class PanelError extends Component<{ title: string; children: ReactNode; describe?: (message: string) => string }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const message = this.state.error.message;
    return (
      <section aria-label={this.props.title} className="rounded-md border border-line bg-panel p-4 text-sm">
        <h2 className="font-semibold">{this.props.title}</h2>
        <p role="alert" className="mt-2 text-bad">
          {this.props.describe ? this.props.describe(message) : `This could not load: ${message}`}
        </p>
      </section>
    );
  }
}

export function PanelPlaceholder({ title }: { title: string }) {
  return (
    <section aria-label={title} aria-busy="true" className="rounded-md border border-line bg-panel p-4">
      <h2 className="text-sm font-semibold text-muted">{title}</h2>
      <div className="mt-3 h-16 animate-pulse rounded bg-bg" />
    </section>
  );
}

export function PanelBoundary({ title, children, describeError }: { title: string; children: ReactNode; describeError?: (message: string) => string }) {
  return (
    <PanelError title={title} describe={describeError}>
      <Suspense fallback={<PanelPlaceholder title={title} />}>{children}</Suspense>
    </PanelError>
  );
}
