/**
 * The SQL subset `run sql` / `run pe sql ttlogin` answer in the simulator (designed: no real sample;
 * reports-design.md "run sql"):
 *
 *   select <* | col[, col…] | count(*)> from <table> [where <cond> [and <cond>]…] [order by <col> [asc|desc]]
 *   cond: <col> = '<text>' | <col> = <number> | <col> like '<pattern>' | <col> is [not] null,
 *         lower(<col>) on the left of = / like
 *
 * Keywords are case-insensitive, `''` escapes a quote inside a literal. Anything outside the subset is the
 * Informix syntax error -201 (the guide's own `… in (select …)` query, L9176, included).
 */

/** An Informix error the CLI prints as `<code>: <text>` (codes and texts after Informix; wording designed). */
export class SqlError extends Error {
  constructor(
    readonly code: -201 | -206 | -217,
    message: string,
  ) {
    super(message);
    this.name = 'SqlError';
  }

  /** The line the CLI prints. */
  get line(): string {
    return `${this.code}: ${this.message}`;
  }
}

export const syntaxError = (): SqlError => new SqlError(-201, 'A syntax error has occurred.');
export const unknownTable = (table: string): SqlError => new SqlError(-206, `The specified table (${table}) is not in the database.`);
export const unknownColumn = (column: string): SqlError => new SqlError(-217, `Column (${column}) not found in any table in the query (or SLV is undefined).`);

/** What a statement selects. */
export type SqlSelection = { readonly kind: 'all' } | { readonly kind: 'count' } | { readonly kind: 'columns'; readonly columns: readonly string[] };

/** One `where` condition; all of them must hold. */
export type SqlCondition =
  | { readonly column: string; readonly lower: boolean; readonly op: '='; readonly value: string | number }
  | { readonly column: string; readonly lower: boolean; readonly op: 'like'; readonly pattern: string }
  | { readonly column: string; readonly lower: boolean; readonly op: 'is null' | 'is not null' };

/** A parsed `select`. Names are lower case. */
export interface SqlSelect {
  readonly selection: SqlSelection;
  readonly table: string;
  readonly where: readonly SqlCondition[];
  readonly orderBy?: { readonly column: string; readonly descending: boolean };
}

type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'string'; readonly text: string } | { readonly kind: 'number'; readonly value: number } | { readonly kind: 'punct'; readonly text: string };

const KEYWORDS = new Set(['select', 'from', 'where', 'and', 'or', 'order', 'by', 'asc', 'desc', 'like', 'is', 'not', 'null', 'count', 'lower', 'in', 'group', 'having', 'distinct', 'union', 'join', 'on', 'as']);

/** Longest statement accepted (the CLI's own line limit is longer; ours keeps a garbled line cheap). */
const MAX_STATEMENT_CHARS = 4096;

function tokenize(text: string): Token[] {
  if (text.length > MAX_STATEMENT_CHARS) throw syntaxError();
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: m[0].toLowerCase() });
      i += m[0].length;
    } else if (/[0-9-]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!m) throw syntaxError();
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw syntaxError();
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: 'string', text: value });
    } else if (',*()='.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else {
      throw syntaxError();
    }
  }
  return tokens;
}

/** Parses one statement of the subset; throws {@link SqlError} -201 for anything else. */
export function parseSqlSelect(text: string): SqlSelect {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (w: string): boolean => {
    const t = peek();
    return t?.kind === 'word' && t.text === w;
  };
  const isPunct = (p: string): boolean => {
    const t = peek();
    return t?.kind === 'punct' && t.text === p;
  };
  const expectWord = (w: string): void => {
    if (!isWord(w)) throw syntaxError();
    pos++;
  };
  const expectPunct = (p: string): void => {
    if (!isPunct(p)) throw syntaxError();
    pos++;
  };
  const name = (): string => {
    const t = peek();
    if (t?.kind !== 'word' || KEYWORDS.has(t.text)) throw syntaxError();
    pos++;
    return t.text;
  };

  expectWord('select');
  let selection: SqlSelection;
  if (isPunct('*')) {
    pos++;
    selection = { kind: 'all' };
  } else if (isWord('count')) {
    pos++;
    expectPunct('(');
    expectPunct('*');
    expectPunct(')');
    selection = { kind: 'count' };
  } else {
    const columns = [name()];
    while (isPunct(',')) {
      pos++;
      columns.push(name());
    }
    selection = { kind: 'columns', columns };
  }
  expectWord('from');
  const table = name();
  const where: SqlCondition[] = [];
  if (isWord('where')) {
    pos++;
    where.push(condition());
    while (isWord('and')) {
      pos++;
      where.push(condition());
    }
  }
  let orderBy: SqlSelect['orderBy'];
  if (isWord('order')) {
    pos++;
    expectWord('by');
    const column = name();
    let descending = false;
    if (isWord('asc')) pos++;
    else if (isWord('desc')) {
      pos++;
      descending = true;
    }
    orderBy = { column, descending };
  }
  if (pos !== tokens.length) throw syntaxError();
  return { selection, table, where, ...(orderBy ? { orderBy } : {}) };

  function condition(): SqlCondition {
    let lower = false;
    let column: string;
    if (isWord('lower')) {
      pos++;
      expectPunct('(');
      column = name();
      expectPunct(')');
      lower = true;
    } else {
      column = name();
    }
    if (isPunct('=')) {
      pos++;
      const t = peek();
      if (t?.kind === 'string') {
        pos++;
        return { column, lower, op: '=', value: t.text };
      }
      if (t?.kind === 'number') {
        pos++;
        return { column, lower, op: '=', value: t.value };
      }
      throw syntaxError();
    }
    if (isWord('like')) {
      pos++;
      const t = peek();
      if (t?.kind !== 'string') throw syntaxError();
      pos++;
      return { column, lower, op: 'like', pattern: t.text };
    }
    if (isWord('is') && !lower) {
      pos++;
      let not = false;
      if (isWord('not')) {
        pos++;
        not = true;
      }
      expectWord('null');
      return { column, lower, op: not ? 'is not null' : 'is null' };
    }
    throw syntaxError();
  }
}
