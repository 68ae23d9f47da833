/** A command line split into words, or the reason it could not be. */
export type TokenizeResult = { readonly ok: true; readonly tokens: string[] } | { readonly ok: false; readonly error: string };

/**
 * Splits a CLI line into words like the UC OS CLI: whitespace separates words, double or single quotes group
 * words with spaces (`"Cisco Presence Engine"`), a backslash inside double quotes escapes a quote. An unclosed
 * quote is an error, never a throw.
 */
export function tokenize(line: string): TokenizeResult {
  const tokens: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === quote) {
        quote = undefined;
      } else {
        cur += ch;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) tokens.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    cur += ch;
    inWord = true;
  }
  if (quote) return { ok: false, error: `Unbalanced quote (${quote}) in command line` };
  if (inWord) tokens.push(cur);
  return { ok: true, tokens };
}

/** Joins words back into one name ("Cisco", "XCP", "Router" → "Cisco XCP Router"). */
export function joinWords(words: readonly string[]): string {
  return words.join(' ').trim();
}
