// Renders an email's markdown to inert HTML: marked, then sanitize-html with a strict allowlist.
// Remote images and other remote content stay blocked unless the reviewer loads them for a message.
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

export interface RenderedEmail {
  html: string;
  /** How many remote resources were blocked. */
  blockedRemoteContent: number;
}

const allowedTags = [
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "code",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "b",
  "i",
  "u",
  "s",
  "del",
  "a",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "span",
  "div",
  "sup",
  "sub",
];

export function renderEmail(markdown: string, options: { allowRemote?: boolean } = {}): RenderedEmail {
  let blocked = 0;
  const raw = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  const html = sanitizeHtml(raw, {
    allowedTags,
    allowedAttributes: {
      a: ["href", "title"],
      img: ["src", "alt", "title", "width", "height", "data-remote-src"],
      th: ["align"],
      td: ["align"],
      code: ["class"],
    },
    allowedSchemes: ["https", "http", "mailto", "tel"],
    allowedSchemesByTag: { img: ["https", "http", "data"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" },
      }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? "";
        if (/^https?:/i.test(src) && !options.allowRemote) {
          blocked += 1;
          const { src: _src, ...rest } = attribs;
          void _src;
          return { tagName, attribs: { ...rest, "data-remote-src": src, alt: rest.alt ? `[blocked image: ${rest.alt}]` : "[blocked remote image]" } };
        }
        return { tagName, attribs };
      },
    },
    allowedClasses: { code: [/^language-[\w-]+$/] },
  });
  // sanitize-html drops rel/target added by transformTags unless allowed; add them after sanitising.
  const withLinks = html.replace(/<a (?![^>]*rel=)/g, '<a rel="noopener noreferrer nofollow" target="_blank" ');
  return { html: withLinks, blockedRemoteContent: blocked };
}
