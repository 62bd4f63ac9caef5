// What the CLI prints: tables for people, JSON for scripts (`--output`), and exports as CSV or JSON
// Lines to stdout or a file (written under a temporary name, renamed once complete, so a file that
// is there is whole).
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { Env } from './config.js';
import { UsageError } from './errors.js';

export interface Writer {
  write(chunk: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

/** Where a run of the CLI reads and writes: the process's streams, or a test's. */
export interface Io {
  stdout: Writer;
  stderr: Writer;
  stdin?: NodeJS.ReadableStream;
  env: Env;
  /** Aborted on Ctrl-C: following commands stop, say where they stopped and exit 0. */
  signal?: AbortSignal;
}

export type OutputFormat = 'json' | 'table';
export const outputFormats: readonly OutputFormat[] = ['table', 'json'];
export type ExportFormat = 'csv' | 'jsonl';
export const exportFormats: readonly ExportFormat[] = ['csv', 'jsonl'];

/** Writes, waiting while the stream's buffer is full. */
export async function write(stream: Writer, text: string): Promise<void> {
  if (!stream.write(text) && stream.once) await new Promise<void>((resolve) => stream.once!('drain', resolve));
}

export interface Column<T> {
  header: string;
  value(item: T): unknown;
}

/** A value as one cell: nothing for null, JSON for objects and arrays. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows under a header, columns padded to their widest cell. */
export function table<T>(items: readonly T[], columns: readonly Column<T>[]): string {
  const rows = [columns.map((c) => c.header), ...items.map((item) => columns.map((c) => cellText(c.value(item)).replace(/\s+/g, ' ')))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((text, i) => (i === row.length - 1 ? text : text.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

/** A list as the chosen output shows it: a table, or a JSON array of the whole items. */
export async function printList<T>(io: Io, format: OutputFormat, items: readonly T[], columns: readonly Column<T>[]): Promise<void> {
  await write(io.stdout, format === 'json' ? `${JSON.stringify(items, null, 2)}\n` : table(items, columns));
}

/** One resource as the chosen output shows it: label and value lines, or its JSON. */
export async function printOne<T>(io: Io, format: OutputFormat, item: T, columns: readonly Column<T>[]): Promise<void> {
  if (format === 'json') return write(io.stdout, `${JSON.stringify(item, null, 2)}\n`);
  const width = Math.max(...columns.map((c) => c.header.length));
  await write(io.stdout, columns.map((c) => `${c.header.padEnd(width)}  ${cellText(c.value(item))}`).join('\n') + '\n');
}

/** A cell a spreadsheet would run as a formula starts with a quote; numbers (negative amounts too) stay as they are. */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  return /^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

export interface ExportOptions<T> {
  format: ExportFormat;
  /** A file to write; absent: stdout. */
  file?: string;
  /** The CSV columns (JSON Lines has the whole items). */
  columns: readonly Column<T>[];
}

/** Streams items as CSV or JSON Lines as they come; the number written. */
export async function exportItems<T>(io: Io, items: AsyncIterable<T>, options: ExportOptions<T>): Promise<number> {
  const partial = options.file ? `${options.file}.partial` : undefined;
  let stream: WriteStream | undefined;
  if (partial) {
    stream = createWriteStream(partial, { flags: 'w' });
    await new Promise<void>((resolve, reject) => {
      stream!.once('open', () => resolve());
      stream!.once('error', (error) => reject(new UsageError(`cannot write ${options.file}: ${error.message}`)));
    });
  }
  const out: Writer = stream ?? io.stdout;
  let count = 0;
  try {
    if (options.format === 'csv') await write(out, stringify([options.columns.map((c) => c.header)]));
    for await (const item of items) {
      count++;
      await write(out, options.format === 'csv' ? stringify([options.columns.map((c) => csvCell(c.value(item)))]) : `${JSON.stringify(item)}\n`);
    }
    if (stream) {
      await new Promise<void>((resolve, reject) => stream!.end((error?: Error | null) => (error ? reject(error) : resolve())));
      await rename(partial!, options.file!);
    }
  } catch (error) {
    if (stream) {
      stream.destroy();
      await rm(partial!, { force: true });
    }
    throw error;
  }
  if (options.file) await write(io.stderr, `Wrote ${count} ${count === 1 ? 'row' : 'rows'} to ${options.file}\n`);
  return count;
}
