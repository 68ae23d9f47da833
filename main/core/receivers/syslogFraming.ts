import { MAX_SYSLOG_LINE } from './syslogParser.js';

/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet counting "LEN SP MSG" (§3.4.1) when a frame starts
 * with a digit, otherwise non-transparent framing ending at LF (§3.4.2). Oversized or malformed frames are
 * dropped and counted; the framer resynchronises at the next LF. Bounded memory per connection.
 */
export class SyslogTcpFramer {
  #buf = '';
  #discarding = false;
  /** Frames dropped as malformed or too long. */
  dropped = 0;

  /** Adds data and returns the complete messages it finished. */
  push(chunk: string): string[] {
    this.#buf += chunk;
    const out: string[] = [];
    for (;;) {
      if (this.#discarding) {
        const lf = this.#buf.indexOf('\n');
        if (lf < 0) {
          this.#buf = '';
          return out;
        }
        this.#buf = this.#buf.slice(lf + 1);
        this.#discarding = false;
      }
      if (this.#buf.length === 0) return out;
      const c = this.#buf.charCodeAt(0);
      if (c >= 0x31 && c <= 0x39) {
        const sp = this.#buf.indexOf(' ');
        if (sp < 0) {
          if (this.#buf.length > 6) this.#drop();
          else return out;
          continue;
        }
        const lenText = this.#buf.slice(0, sp);
        const len = /^\d{1,6}$/.test(lenText) ? Number(lenText) : NaN;
        if (!(len > 0) || len > MAX_SYSLOG_LINE) {
          this.#drop();
          continue;
        }
        // Lengths count octets; JS strings count UTF-16 units. Cut by bytes.
        const bytes = Buffer.from(this.#buf.slice(sp + 1), 'utf8');
        if (bytes.length < len) return out;
        const msg = bytes.subarray(0, len).toString('utf8');
        this.#buf = bytes.subarray(len).toString('utf8');
        out.push(msg);
        continue;
      }
      const lf = this.#buf.indexOf('\n');
      if (lf < 0) {
        if (this.#buf.length > MAX_SYSLOG_LINE) this.#drop();
        return out;
      }
      const line = this.#buf.slice(0, lf).replace(/\r$/, '');
      this.#buf = this.#buf.slice(lf + 1);
      if (line.length > 0) out.push(line);
    }
  }

  #drop(): void {
    this.dropped++;
    this.#discarding = true;
  }
}
