/**
 * A minimal RFC 4180 reader (quoted fields with "" doubled, commas and line breaks inside quotes) for tests that read
 * back a CSV the app wrote. Throws when the text does not end with a line break (an unfinished last row or quote).
 * No Node or DOM: the shared/ tests import it too.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('the CSV does not end with a line break');
  return rows;
}
