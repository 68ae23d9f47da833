/**
 * Converts CLI text ("\n" line ends) to what goes on the wire: CRLF on a terminal (a pty was requested),
 * plain LF otherwise. Existing CRLF pairs are kept as one line end.
 */
export function toWireText(text: string, terminal: boolean): string {
  return terminal ? text.replace(/\r?\n/g, '\r\n') : text;
}
