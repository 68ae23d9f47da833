/**
 * What the SSH endpoint needs from a node's admin CLI. The endpoint owns transport, prompt and line editing;
 * the interpreter owns the commands. One session is created per SSH shell or exec channel.
 */
export interface CliInterpreter {
  /** The welcome text written when an interactive shell opens (before the first prompt). */
  banner(): string;
  /** The prompt, "admin:" on UC OS nodes. */
  readonly prompt: string;
  /** Opens a session for one shell or exec channel. */
  openSession(context: CliSessionContext): CliSession;
}

/** Facts about the channel a session runs on. */
export interface CliSessionContext {
  readonly username: string;
  readonly interactive: boolean;
}

/** The channel side of a session: commands write output and may ask questions. */
export interface CliIo {
  /** Writes text (use "\n" line ends; the endpoint converts to CRLF for a terminal). */
  write(text: string): void;
  /**
   * Writes `question` and waits for one line of input; resolves null when the channel ends or has no input
   * (an exec request whose stdin closed). `secret`: the typed characters are not echoed (passwords).
   */
  readLine(question: string, options?: { readonly secret?: boolean }): Promise<string | null>;
}

/** One CLI session. */
export interface CliSession {
  /**
   * Runs one command line and writes its output through `io`. Resolves 'exit' when the user asked to leave.
   * Unknown or malformed commands write the CLI's own error text; this method must not reject for them.
   */
  execute(line: string, io: CliIo): Promise<'continue' | 'exit'>;
  /** Releases anything the session holds (a running `file tail`, for example). */
  close(): void;
}
