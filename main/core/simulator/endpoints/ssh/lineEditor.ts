/** What feeding one character to a {@link LineEditor} produced. */
export type LineEditorEvent =
  /** Text to echo back to the terminal (may be empty). */
  | { readonly type: 'echo'; readonly text: string }
  /** A completed line (without its line end). */
  | { readonly type: 'line'; readonly line: string }
  /** Ctrl-C: the current line was abandoned. */
  | { readonly type: 'interrupt' }
  /** Ctrl-D on an empty line: the user wants to leave. */
  | { readonly type: 'eof' };

const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
const ESC = '\x1b';

/**
 * The input side of a UC OS CLI prompt, I/O-free: printable characters are appended and echoed, Backspace
 * (DEL or ^H) erases one, Ctrl-U erases the line, Ctrl-C abandons it, Ctrl-D on an empty line means EOF,
 * CR, LF or CRLF complete it. ANSI escape sequences (arrow keys) and other control characters are ignored.
 */
export class LineEditor {
  #chars: string[] = [];
  #afterCr = false;
  /** 0 = normal, 1 = after ESC, 2 = inside CSI/SS3 until its final byte. */
  #escape: 0 | 1 | 2 = 0;

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
        if (this.#chars.length === 0) return undefined;
        this.#chars.pop();
        return { type: 'echo', text: '\b \b' };
      case CTRL_U: {
        const n = this.#chars.length;
        this.#chars = [];
        return { type: 'echo', text: '\b \b'.repeat(n) };
      }
      case CTRL_C:
        this.#chars = [];
        return { type: 'interrupt' };
      case CTRL_D:
        return this.#chars.length === 0 ? { type: 'eof' } : undefined;
      case ESC:
        this.#escape = 1;
        return undefined;
      default:
        if (ch < ' ') return undefined;
        this.#chars.push(ch);
        return { type: 'echo', text: ch };
    }
  }

  #complete(): LineEditorEvent {
    const line = this.#chars.join('');
    this.#chars = [];
    return { type: 'line', line };
  }
}
