import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";

describe("renderEmail", () => {
  it("renders markdown", () => {
    const { html } = renderEmail("# Hi\n\nYour slot is **Tuesday**.\n\n- one\n- two");
    expect(html).toContain("<h1>Hi</h1>");
    expect(html).toContain("<strong>Tuesday</strong>");
    expect(html).toContain("<li>one</li>");
  });

  it.each([
    ["script", "<script>alert(1)</script>ok", /<script/i],
    ["event handler", '<img src="x" onerror="alert(1)">', /onerror/i],
    ["javascript link", "[x](javascript:alert(1))", /javascript:/i],
    ["iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["svg", '<svg onload="alert(1)"></svg>', /<svg|onload/i],
    ["style", "<style>body{display:none}</style>", /<style/i],
    ["form", '<form action="https://evil.example"><input></form>', /<form|<input/i],
    ["data html link", '<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:text\/html/i],
  ])("removes %s", (_name, markdown, forbidden) => {
    expect(renderEmail(markdown).html).not.toMatch(forbidden);
  });

  it("blocks remote images until allowed, and counts them", () => {
    const md = '![logo](https://cdn.example.com/logo.png) and <img src="http://t.example/p.gif">';
    const blocked = renderEmail(md);
    expect(blocked.blockedRemoteContent).toBe(2);
    expect(blocked.html).not.toMatch(/\ssrc="https?:/);
    expect(blocked.html).toContain('data-remote-src="https://cdn.example.com/logo.png"');
    const allowed = renderEmail(md, { allowRemote: true });
    expect(allowed.blockedRemoteContent).toBe(0);
    expect(allowed.html).toContain('src="https://cdn.example.com/logo.png"');
  });

  it("opens links in a new tab without a referrer", () => {
    expect(renderEmail("[site](https://example.com)").html).toMatch(
      /<a [^>]*rel="noopener noreferrer nofollow"[^>]*target="_blank"[^>]*href="https:\/\/example.com"|<a [^>]*href="https:\/\/example.com"[^>]*rel="noopener noreferrer nofollow"/,
    );
  });
});
