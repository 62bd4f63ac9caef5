// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

const joined = (text: string) => linkify(text).map((part) => part.text).join('');

describe('linkify', () => {
  it('finds http and https addresses in text and keeps the rest as text', () => {
    const text = 'Confirm here:\nhttp://localhost:8080/verify-email?token=cce_abc-123\n\nChannel Center';
    expect(linkify(text)).toEqual([
      { kind: 'text', text: 'Confirm here:\n' },
      { kind: 'link', text: 'http://localhost:8080/verify-email?token=cce_abc-123', href: 'http://localhost:8080/verify-email?token=cce_abc-123' },
      { kind: 'text', text: '\n\nChannel Center' },
    ]);
    expect(joined(text)).toBe(text);
  });

  it('leaves punctuation after an address out of the link, but keeps brackets the address opened', () => {
    expect(linkify('See https://example.com/a. Then')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a', href: 'https://example.com/a' },
      { kind: 'text', text: '. Then' },
    ]);
    expect(linkify('(https://example.com/x)')[1]).toMatchObject({ text: 'https://example.com/x' });
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar).')[0]).toMatchObject({ text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it('never makes a link of another scheme or of markup', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com/file', '<a href="https://evil.example">x</a>', 'mailto:a@example.com']) {
      expect(joined(text)).toBe(text);
      for (const part of linkify(text)) if (part.kind === 'link') expect(part.href).toMatch(/^https?:\/\//);
    }
    // Markup around an address stays text; the address alone is the link.
    const parts = linkify('<a href="https://evil.example">x</a>');
    expect(parts.filter((part) => part.kind === 'link')).toEqual([{ kind: 'link', text: 'https://evil.example', href: 'https://evil.example/' }]);
  });

  it('answers the text unchanged when it holds no address', () => {
    expect(linkify('Hello,\nno links here.')).toEqual([{ kind: 'text', text: 'Hello,\nno links here.' }]);
    expect(linkify('')).toEqual([]);
  });
});
