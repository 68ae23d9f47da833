import { Option, type Command } from 'commander';

/** How a verb prints its data on stdout. */
export type OutputFormat = 'table' | 'csv' | 'json';

/** A cell: null and undefined print as "-" in a table and as an empty field in CSV. */
export type Cell = string | number | boolean | null | undefined;

/** One column of a table or CSV. */
export interface Column<R> {
  readonly header: string;
  readonly value: (row: R) => Cell;
}

/** Adds `--format table|csv|json` (table by default) and `--json` (the same as `--format json`). */
export function addFormatOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output on stdout: table (for people), csv or json').choices(['table', 'csv', 'json']))
    .addOption(new Option('--json', 'the same as --format json').conflicts('format'));
}

/** The format chosen by the options of addFormatOptions. */
export function formatOf(options: { format?: string; json?: boolean }): OutputFormat {
  if (options.json) return 'json';
  return (options.format as OutputFormat | undefined) ?? 'table';
}

function text(cell: Cell, empty: string): string {
  return cell === null || cell === undefined ? empty : String(cell);
}

/** CSV field quoted as RFC 4180 says (lines end with \n, as shell tools expect). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The rows as the format says: JSON is an array of `json(row)` (the row itself by default), the shape a verb
 * documents; CSV has a header line; a table pads columns for a terminal. Ends with a newline.
 */
export function renderRows<R>(rows: readonly R[], columns: readonly Column<R>[], format: OutputFormat, json: (row: R) => unknown = (r) => r): string {
  if (format === 'json') return `${JSON.stringify(rows.map(json), null, 2)}\n`;
  if (format === 'csv') {
    const lines = [columns.map((c) => csvField(c.header)), ...rows.map((r) => columns.map((c) => csvField(text(c.value(r), ''))))];
    return lines.map((l) => `${l.join(',')}\n`).join('');
  }
  const cells = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => text(c.value(r), '-')))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells.map((line) => `${line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}\n`).join('');
}
