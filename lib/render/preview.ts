// One readable line of a markdown draft for lists and timelines: marked's own lexer reads the
// markdown (emphasis, links, lists, code), so amounts like `**$1,280**` and codes like `55-1023` survive.
import { Lexer, type Token, type Tokens } from "marked";

const MAX = 200;

function textOf(tokens: readonly Token[] | undefined, out: string[]): void {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "image":
      case "code":
      case "html":
      case "hr":
      case "space":
        out.push(" ");
        break;
      case "list":
        for (const item of (token as Tokens.List).items) {
          textOf(item.tokens, out);
          out.push(" ");
        }
        break;
      case "table": {
        const table = token as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) {
          textOf(cell.tokens, out);
          out.push(" ");
        }
        break;
      }
      case "codespan":
      case "escape":
        out.push(decodeEntities((token as Tokens.Codespan).text));
        break;
      case "br":
        out.push(" ");
        break;
      default:
        if ("tokens" in token && token.tokens) textOf(token.tokens, out);
        else if ("text" in token && typeof token.text === "string") out.push(decodeEntities(token.text));
        if (token.type === "paragraph" || token.type === "heading" || token.type === "blockquote") out.push(" ");
    }
  }
}

/** marked escapes &, <, >, " and ' in text tokens; a preview is plain text. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name] ?? "");
}

export function previewOf(markdown: string): string {
  const out: string[] = [];
  textOf(new Lexer({ gfm: true }).lex(markdown), out);
  return out.join("").replace(/\s+/g, " ").trim().slice(0, MAX);
}
