// Reading back the PDFs the app lays out with pdfkit: the page count, and the text each text-showing
// operator draws (one run per TJ), decoded from the compressed content streams — WinAnsi bytes for the
// built-in Helvetica, glyph IDs through the ToUnicode map for an embedded font (pdfkit embeds one font
// at most in the documents read here).
import { inflateSync } from 'node:zlib';

/** The decoded contents of every stream of the file, each sliced by the length its dictionary gives (as pdfkit writes it). */
function streams(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const found: Buffer[] = [];
  for (let at = text.indexOf('>>\nstream\n'); at !== -1; at = text.indexOf('>>\nstream\n', at)) {
    const dictionary = text.slice(text.lastIndexOf(' obj', at), at);
    const start = at + '>>\nstream\n'.length;
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1] ?? 0);
    const body = pdf.subarray(start, start + length);
    at = start + length;
    if (!dictionary.includes('/FlateDecode')) {
      found.push(body);
      continue;
    }
    try {
      found.push(inflateSync(body));
    } catch {
      /* not ours to read */
    }
  }
  return found;
}

/** Glyph ID → text, from a ToUnicode CMap (pdfkit writes bfrange lines of arrays). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const match of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const first = parseInt(match[1]!, 16);
    // An entry may name several characters (a ligature's: <0066 0066> for "ff").
    [...match[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((entry, i) => map.set(first + i, utf16(entry[1]!.replace(/\s/g, ''))));
  }
  for (const match of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of match[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(pair[1]!, 16), utf16(pair[2]!));
  }
  return map;
}

/** The WinAnsi codes that are not Latin-1's. */
const winAnsi: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

/** Every text run of the document, in drawing order. */
export function pdfTextRuns(pdf: Buffer): string[] {
  const all = streams(pdf).map((s) => s.toString('latin1'));
  const cmap = all.find((s) => s.includes('begincmap'));
  const glyphs = cmap ? toUnicodeMap(cmap) : undefined;
  const runs: string[] = [];
  for (const content of all) {
    for (const array of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      const hex = [...array[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!).join('');
      if (glyphs) {
        let text = '';
        for (let i = 0; i + 4 <= hex.length; i += 4) text += glyphs.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
        runs.push(text);
      } else {
        runs.push([...Buffer.from(hex, 'hex')].map((byte) => winAnsi[byte] ?? String.fromCharCode(byte)).join(''));
      }
    }
  }
  return runs;
}

/** How many pages the document has. */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}
