import type { CliIo } from '../endpoints/ssh/cliInterpreter.js';

/** Lines per page when pagination is on (ours; UC OS sizes pages to the terminal). */
export const DEFAULT_PAGE_LINES = 20;

/** How {@link pageOutput} behaves. */
export interface PagerOptions {
  /** Page at all: interactive session with pagination on. */
  readonly enabled: boolean;
  readonly pageLines: number;
  /** `file view` style: at the end print "end of the file reached" and wait once more. */
  readonly endOfFilePrompt?: boolean;
}

/** The UC OS pager line (serviceability-reference.md D, [V] TAC-CUIC; unicon VOS pattern). */
export function pagerLine(first: number, last: number, total: number): string {
  return `options: q=quit, n=next, p=prev, b=begin, e=end (lines ${first} - ${last} of ${total}) : `;
}

/**
 * Writes `text` a page at a time: after each page it shows the pager line and waits (io.readLine) for
 * q (quit), n/Enter/space (next), p (prev), b (begin) or e (end). A closed channel (null) quits. Disabled, or
 * when everything fits on one page (and no end-of-file prompt is wanted), it writes the text at once.
 */
export async function pageOutput(io: CliIo, text: string, options: PagerOptions): Promise<void> {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const total = lines.length;
  const size = Math.max(1, options.pageLines);
  if (!options.enabled || (total <= size && !options.endOfFilePrompt)) {
    io.write(text);
    return;
  }
  let start = 0;
  for (;;) {
    const end = Math.min(total, start + size);
    io.write(lines.slice(start, end).map((l) => `${l}\n`).join(''));
    const atEnd = end >= total;
    if (atEnd && !options.endOfFilePrompt) return;
    const prefix = atEnd ? 'end of the file reached\n' : '';
    const answer = await io.readLine(`${prefix}${pagerLine(total === 0 ? 0 : start + 1, end, total)}`);
    const key = answer === null ? 'q' : answer.trim().toLowerCase().slice(0, 1);
    if (key === 'q') return;
    if (key === 'p') start = Math.max(0, start - size);
    else if (key === 'b') start = 0;
    else if (key === 'e') start = Math.max(0, total - size);
    else if (atEnd) return;
    else start = end;
  }
}
