"use client";
// Shows sanitised email HTML in a sandboxed iframe with its own Content-Security-Policy: no script
// can run (no allow-scripts), and nothing remote loads unless the reviewer allowed it for this message.
import { useEffect, useRef, useState } from "react";

const frameStyles = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 16px; font: 15px/1.6 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #14171c; background: transparent; overflow-wrap: anywhere; }
@media (prefers-color-scheme: dark) { body { color: #e9ecf1; } a { color: #7aa2ff; } }
p, ul, ol, pre, blockquote, table { margin: 0 0 0.85em; }
ul, ol { padding-left: 1.4em; }
h1, h2, h3 { margin: 1em 0 0.5em; line-height: 1.3; }
h1 { font-size: 1.25rem; } h2 { font-size: 1.125rem; } h3 { font-size: 1rem; }
a { color: #1f4fd1; }
blockquote { border-left: 3px solid #c9ced6; padding-left: 0.75em; color: #555d69; }
pre { background: rgba(127,127,127,0.12); padding: 0.75em; border-radius: 6px; overflow-x: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid #c9ced6; padding: 0.25em 0.5em; }
img { max-width: 100%; }
img[data-remote-src] { display: inline-block; padding: 0.2em 0.5em; border: 1px dashed #c9ced6; color: #555d69; font-size: 0.8rem; }
mark.cs-highlight { background: #ffe58a; color: inherit; }
`;

export function buildEmailDocument(html: string, allowRemote: boolean): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:${allowRemote ? " https: http:" : ""}; base-uri 'none'; form-action 'none'`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><base target="_blank"><style>${frameStyles}</style></head><body>${html}</body></html>`;
}

export function EmailFrame({ html, allowRemote, title }: { html: string; allowRemote: boolean; title: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(200);
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    let observer: ResizeObserver | undefined;
    const measure = () => {
      const body = frame.contentDocument?.body;
      if (!body) return;
      setHeight(Math.max(120, body.scrollHeight + 4));
      observer?.disconnect();
      observer = new ResizeObserver(() => setHeight(Math.max(120, body.scrollHeight + 4)));
      observer.observe(body);
    };
    frame.addEventListener("load", measure);
    measure();
    return () => {
      frame.removeEventListener("load", measure);
      observer?.disconnect();
    };
  }, [html]);
  return (
    <iframe
      ref={ref}
      title={title}
      data-testid="email-body"
      // allow-same-origin without allow-scripts lets this page measure the frame; nothing inside can run.
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={buildEmailDocument(html, allowRemote)}
      style={{ height }}
      className="block w-full border-0"
    />
  );
}
