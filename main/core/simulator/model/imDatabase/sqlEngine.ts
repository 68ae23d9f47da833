import { parseSqlSelect, SqlError, unknownColumn, unknownTable, type SqlCondition, type SqlSelect } from './sqlStatement.js';

/** A row: values in the table's column order; null is SQL NULL. */
export type SqlRow = readonly (string | null)[];

/**
 * A table the engine reads. Rows are produced on demand (tables are views of the cluster model, built when a
 * statement reads them); `count` answers `count(*)` without conditions without producing rows, `rowsWhereEquals`
 * answers `<column> = '<text>'` from an index when the table has one.
 */
export interface SqlTableSource {
  readonly columns: readonly string[];
  rows(): Iterable<SqlRow>;
  count?(): number;
  rowsWhereEquals?(column: string, value: string): Iterable<SqlRow> | undefined;
}

/** A result: column headers and rows. */
export interface SqlResult {
  readonly columns: readonly string[];
  readonly rows: readonly SqlRow[];
}

/** Runs one statement of the subset (sqlStatement.ts) over the tables; throws {@link SqlError}. */
export function executeSql(text: string, tables: ReadonlyMap<string, SqlTableSource>): SqlResult {
  const st = parseSqlSelect(text);
  const table = tables.get(st.table);
  if (!table) throw unknownTable(st.table);
  const index = (column: string): number => {
    const i = table.columns.indexOf(column);
    if (i < 0) throw unknownColumn(column);
    return i;
  };
  const projection = st.selection.kind === 'columns' ? st.selection.columns.map(index) : st.selection.kind === 'all' ? table.columns.map((_, i) => i) : [];
  const tests = st.where.map((c) => conditionTest(c, index(c.column)));
  const orderIndex = st.orderBy ? index(st.orderBy.column) : undefined;

  if (st.selection.kind === 'count') {
    if (tests.length === 0 && table.count) return countResult(table.count());
    let n = 0;
    for (const row of candidateRows(table, st)) if (tests.every((t) => t(row))) n++;
    return countResult(n);
  }
  const matched: SqlRow[] = [];
  for (const row of candidateRows(table, st)) if (tests.every((t) => t(row))) matched.push(row);
  if (orderIndex !== undefined) {
    const dir = st.orderBy!.descending ? -1 : 1;
    matched.sort((a, b) => dir * compareValues(a[orderIndex] ?? null, b[orderIndex] ?? null));
  }
  const columns = projection.map((i) => table.columns[i]!);
  const rows = st.selection.kind === 'all' ? matched : matched.map((r) => projection.map((i) => r[i] ?? null));
  return { columns, rows };
}

function countResult(n: number): SqlResult {
  // Informix heads an unnamed count column `(count(*))`.
  return { columns: ['(count(*))'], rows: [[String(n)]] };
}

/** The rows worth testing: from the table's index when a condition is a plain `<col> = '<text>'`. */
function candidateRows(table: SqlTableSource, st: SqlSelect): Iterable<SqlRow> {
  if (table.rowsWhereEquals) {
    for (const c of st.where) {
      if (c.op === '=' && !c.lower && typeof c.value === 'string') {
        const rows = table.rowsWhereEquals(c.column, c.value);
        if (rows) return rows;
      }
    }
  }
  return table.rows();
}

function conditionTest(c: SqlCondition, i: number): (row: SqlRow) => boolean {
  const read = c.lower ? (row: SqlRow) => row[i]?.toLowerCase() ?? null : (row: SqlRow) => row[i] ?? null;
  switch (c.op) {
    case 'is null':
      return (row) => read(row) === null;
    case 'is not null':
      return (row) => read(row) !== null;
    case '=':
      if (typeof c.value === 'number') {
        const n = c.value;
        return (row) => {
          const v = read(row);
          return v !== null && v.trim() !== '' && Number(v) === n;
        };
      } else {
        const s = c.value;
        return (row) => read(row) === s;
      }
    case 'like': {
      const re = likePattern(c.pattern);
      return (row) => {
        const v = read(row);
        return v !== null && re.test(v);
      };
    }
  }
}

/** An SQL LIKE pattern as an anchored regular expression: `%` any run, `_` one character, case-sensitive. */
export function likePattern(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Sort order: NULL first, numbers by value, text by code unit. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The CLI's table layout: header row, a `=` underline per column, values left-aligned, columns separated by one
 * space, each column as wide as its widest value or header, NULL printed `NULL`; no trailing blanks.
 * (Real layout of `run sql`; reports-design.md.)
 */
export function formatSqlResult(result: SqlResult): string {
  const widths = result.columns.map((c) => c.length);
  for (const row of result.rows) {
    for (let i = 0; i < widths.length; i++) {
      const len = (row[i] ?? 'NULL').length;
      if (len > widths[i]!) widths[i] = len;
    }
  }
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join(' ').trimEnd();
  const out: string[] = [line(result.columns), widths.map((w) => '='.repeat(w)).join(' ')];
  for (const row of result.rows) out.push(line(result.columns.map((_, i) => row[i] ?? 'NULL')));
  return `${out.join('\n')}\n`;
}

export { SqlError };
