/** What feeding one character to a {@link LineEditor} produced. */
export type LineEditorEvent =
  /** Text to echo back to the terminal (may be empty). */
  | { readonly type: 'echo'; readonly text: string }
  /** A completed line (without its line end). */
  | { readonly type: 'line'; readonly line: string }
  /** Ctrl-C: the current line was abandoned. */
  | { readonly type: 'interrupt' }
  /** Ctrl-D on an empty line: the user wants to leave. */
  | { readonly type: 'eof' }
  /** A line end after more characters than the limit: the whole line was discarded. */
  | { readonly type: 'overflow'; readonly length: number; readonly limit: number };

/**
 * Longest command line the CLI takes, in characters. Designed (UC OS documents no figure; its commands are
 * short): the size of Linux's canonical tty line buffer (N_TTY_BUF_SIZE, 4096), which the node's jline
 * console sits on. Bounds what a client that never sends a line end can make the node hold.
 */
export const MAX_LINE_CHARS = 4096;

/** The text a shell prints for a line over the limit. */
export function lineTooLongText(length: number, limit: number): string {
  return `Command line too long: ${length} characters (the limit is ${limit}); the line was discarded\n`;
}

const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
const ESC = '\x1b';

/**
 * The input side of a UC OS CLI prompt, I/O-free: printable characters are appended and echoed, Backspace
 * (DEL or ^H) erases one, Ctrl-U erases the line, Ctrl-C abandons it, Ctrl-D on an empty line means EOF,
 * CR, LF or CRLF complete it. ANSI escape sequences (arrow keys) and other control characters are ignored.
 * A line holds at most `maxLength` characters: further ones are counted, not kept or echoed (the terminal
 * gets one BEL), and the line end then reports 'overflow' instead of the line.
 */
export class LineEditor {
  readonly maxLength: number;
  #chars: string[] = [];
  /** Characters typed beyond maxLength on the current line. */
  #dropped = 0;
  #afterCr = false;
  /** 0 = normal, 1 = after ESC, 2 = inside CSI/SS3 until its final byte. */
  #escape: 0 | 1 | 2 = 0;

  constructor(maxLength = MAX_LINE_CHARS) {
    this.maxLength = maxLength;
  }

  /** The text typed so far on the current line. */
  get pending(): string {
    return this.#chars.join('');
  }

  /** Feeds one character (a whole code point); returns what it produced, or undefined for nothing. */
  feed(ch: string): LineEditorEvent | undefined {
    const afterCr = this.#afterCr;
    this.#afterCr = false;
    if (this.#escape === 1) {
      this.#escape = ch === '[' || ch === 'O' ? 2 : 0;
      return undefined;
    }
    if (this.#escape === 2) {
      if (ch >= '@' && ch <= '~') this.#escape = 0;
      return undefined;
    }
    switch (ch) {
      case '\r':
        this.#afterCr = true;
        return this.#complete();
      case '\n':
        return afterCr ? undefined : this.#complete();
      case '\x7f':
      case '\b':
        if (this.#dropped > 0) {
          this.#dropped -= 1;
          return undefined;
        }
        if (this.#chars.length === 0) return undefined;
        this.#chars.pop();
        return { type: 'echo', text: '\b \b' };
      case CTRL_U: {
        const n = this.#chars.length;
        this.#chars = [];
        this.#dropped = 0;
        return { type: 'echo', text: '\b \b'.repeat(n) };
      }
      case CTRL_C:
        this.#chars = [];
        this.#dropped = 0;
        return { type: 'interrupt' };
      case CTRL_D:
        return this.#chars.length === 0 && this.#dropped === 0 ? { type: 'eof' } : undefined;
      case ESC:
        this.#escape = 1;
        return undefined;
      default:
        if (ch < ' ') return undefined;
        if (this.#chars.length >= this.maxLength) {
          this.#dropped += 1;
          return this.#dropped === 1 ? { type: 'echo', text: '\x07' } : undefined;
        }
        this.#chars.push(ch);
        return { type: 'echo', text: ch };
    }
  }

  #complete(): LineEditorEvent {
    const length = this.#chars.length + this.#dropped;
    const overflow = this.#dropped > 0;
    const line = overflow ? '' : this.#chars.join('');
    this.#chars = [];
    this.#dropped = 0;
    return overflow ? { type: 'overflow', length, limit: this.maxLength } : { type: 'line', line };
  }
}
