// Web addresses in plain text (a mail's body), found so that they can be shown as links. The text is
// never HTML: it is split into text and links, and only http and https addresses become links.

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const candidate = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.example/a."). */
const trailing = /[.,;:!?)\]}'»”’]+$/;

/** An address with the punctuation after it left out; a closing bracket stays when the address opened it. */
function trimmed(raw: string): string {
  let url = raw;
  for (;;) {
    const match = trailing.exec(url);
    if (!match) return url;
    let end = url.length - match[0].length;
    // Keep a closing parenthesis that closes one inside the address (https://en.wikipedia.org/wiki/X_(Y)).
    for (let i = end; i < url.length; i++) {
      const char = url[i]!;
      const opener = char === ')' ? '(' : char === ']' ? '[' : char === '}' ? '{' : undefined;
      if (!opener) break;
      const inside = url.slice(0, i);
      if (inside.split(opener).length - 1 > inside.split(char).length - 1) end = i + 1;
      else break;
    }
    if (end === url.length) return url;
    url = url.slice(0, end);
  }
}

/** An http(s) URL as the browser would open it, or undefined (anything else stays text). */
function safeHref(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Splits text into plain parts and http(s) links, in order; joined, the parts' texts are the text. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const push = (part: TextPart) => {
    const previous = parts[parts.length - 1];
    if (part.kind === 'text' && previous?.kind === 'text') previous.text += part.text;
    else if (part.text) parts.push(part);
  };
  for (const match of text.matchAll(candidate)) {
    const start = match.index;
    const url = trimmed(match[0]);
    const href = safeHref(url);
    if (start > last) push({ kind: 'text', text: text.slice(last, start) });
    push(href ? { kind: 'link', text: url, href } : { kind: 'text', text: url });
    last = start + url.length;
  }
  if (last < text.length) push({ kind: 'text', text: text.slice(last) });
  return parts;
}
