/**
 * A streaming reader of the MIME multipart/related (SOAP with Attachments) answers of DimeGetFileService
 * GetOneFile and of LogCollectionPortTypeService (serviceability-reference.md B.5; wire-notes.md "DIME GetOneFile"
 * and "LogCollection"). It never holds the attachment: bytes are handed on as they arrive, only the (small) XML
 * root part and a few bytes that could start a delimiter are kept.
 *
 * Shapes a real node sends, all accepted: a quoted boundary parameter (`boundary="----=_Part_…"`, cisco-dime splits
 * Content-Type on `"`) or an unquoted one (`boundary=MIMEBoundaryurn_uuid_…`, cisco-dime splits on `=`), CRLF line
 * ends, three header lines per part (Content-Type, Content-Transfer-Encoding, Content-Id) then a blank line, and an
 * XML root part that does not say it is XML (CT-MCP: "the XML part does not advertise a classic XML
 * content-type"), recognised by sniffing its first bytes. A missing boundary parameter is recovered from the
 * body's first `--` line. Bare LF line ends are accepted when the first delimiter line uses them.
 */

/** Why a multipart body could not be read (stable codes for tests and messages). */
export type MultipartErrorCode =
  | 'NO_BOUNDARY'
  | 'BAD_DELIMITER'
  | 'HEADERS_TOO_LARGE'
  | 'ROOT_TOO_LARGE'
  | 'UNSUPPORTED_ENCODING'
  | 'PART_SIZE_MISMATCH'
  | 'TOO_MANY_PARTS'
  | 'TRUNCATED';

/** A malformed or truncated multipart body. */
export class MultipartError extends Error {
  constructor(
    readonly reason: MultipartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** One part's headers (names lower-cased) and what the reader made of it. */
export interface MultipartPartInfo {
  readonly headers: Readonly<Record<string, string>>;
  readonly role: 'root' | 'attachment' | 'ignored';
}

/** Limits of {@link MultipartReader}. */
export interface MultipartLimits {
  /** Largest header block of one part (default 16 KiB). */
  readonly maxHeaderBytes?: number;
  /** Largest XML root part kept in memory (default 1 MiB). */
  readonly maxRootBytes?: number;
  /** Largest preamble before the first delimiter (default 64 KiB). */
  readonly maxPreambleBytes?: number;
  /**
   * Most parts read (default 64; a DIME answer has two, reference B.6): a hostile answer of millions of empty parts
   * ends with TOO_MANY_PARTS instead of a list that grows without bound.
   */
  readonly maxParts?: number;
}

const SNIFF_BYTES = 512;
const XML_START = /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?<([\w.-]+:)?Envelope[\s>/]/;
const IDENTITY_ENCODINGS = new Set(['', 'binary', '8bit', '7bit']);
const EMPTY = Buffer.alloc(0);

/** The boundary parameter of a multipart Content-Type, quoted or not (undefined when absent or not multipart). */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;"]+))/i.exec(contentType);
  const b = m ? (m[1] ?? m[2]) : undefined;
  return b && b.length <= 200 ? b : undefined;
}

/** The `start` parameter (the root part's Content-Id) of a multipart/related Content-Type. */
function startParameter(contentType: string | undefined): string | undefined {
  const m = /;\s*start\s*=\s*(?:"([^"]+)"|([^\s;"]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'sniff' | 'body' | 'done';

/**
 * Reads one multipart body fed in chunks. `write(chunk)` hands attachment bytes to `onAttachment` synchronously (views
 * of the input where possible, never copies of the whole); `end()` checks that the closing delimiter arrived. The
 * first part that sniffs as a SOAP envelope (or says it is XML, or is the `start` part) is the root, kept as text;
 * the first other part is the attachment; later parts are skipped. Throws {@link MultipartError}.
 */
export class MultipartReader {
  readonly #onAttachment: (data: Buffer) => void;
  readonly #limits: Required<MultipartLimits>;
  readonly #start: string | undefined;
  #boundary: string | undefined;
  #state: State = 'preamble';
  /** Bytes not yet decided (preamble, headers, a possible delimiter's start, the sniffed head of a part). */
  #pending: Buffer = EMPTY;
  #eol = '\r\n';
  #delimiter: Buffer = Buffer.alloc(0);
  #role: MultipartPartInfo['role'] = 'ignored';
  #headers: Record<string, string> = {};
  #partBytes = 0;
  #root: Buffer[] = [];
  #rootBytes = 0;
  #rootXml: string | undefined;
  #sawAttachment = false;
  #attachmentBytes = 0;
  #attachmentHeaders: Record<string, string> | undefined;
  #preambleBytes = 0;
  readonly parts: MultipartPartInfo[] = [];

  constructor(contentType: string | undefined, onAttachment: (data: Buffer) => void, limits: MultipartLimits = {}) {
    this.#onAttachment = onAttachment;
    this.#limits = { maxHeaderBytes: limits.maxHeaderBytes ?? 16 * 1024, maxRootBytes: limits.maxRootBytes ?? 1024 * 1024, maxPreambleBytes: limits.maxPreambleBytes ?? 64 * 1024, maxParts: limits.maxParts ?? 64 };
    this.#boundary = multipartBoundary(contentType);
    const start = startParameter(contentType);
    this.#start = start?.replace(/^<|>$/g, '');
  }

  /** The XML root part's text, once it ended. */
  get rootXml(): string | undefined {
    return this.#rootXml;
  }

  /** Whether an attachment part began. */
  get hasAttachment(): boolean {
    return this.#sawAttachment;
  }

  /** Attachment bytes handed on so far. */
  get attachmentBytes(): number {
    return this.#attachmentBytes;
  }

  /** Whether the closing delimiter arrived. */
  get complete(): boolean {
    return this.#state === 'done';
  }

  write(chunk: Buffer): void {
    if (this.#state === 'done' || chunk.length === 0) return; // the epilogue is ignored
    let input: Buffer;
    const kept = this.#pending;
    this.#pending = EMPTY;
    if (kept.length === 0) input = chunk;
    else if (this.#state === 'body' && chunk.length >= this.#delimiter.length) {
      // Inside a part, the kept bytes are a possible delimiter start: decide on them with the chunk's first bytes
      // instead of copying the whole chunk behind them.
      const joint = Buffer.concat([kept, chunk.subarray(0, this.#delimiter.length)]);
      const at = joint.indexOf(this.#delimiter);
      if (at >= 0 && at < kept.length) {
        this.#emit(kept.subarray(0, at));
        this.#state = 'afterDelimiter';
        input = chunk.subarray(at + this.#delimiter.length - kept.length);
      } else {
        this.#emit(kept);
        input = chunk;
      }
    } else input = Buffer.concat([kept, chunk]);
    for (;;) {
      const rest = this.#step(input);
      if (rest === undefined) return;
      input = rest;
    }
  }

  /** Checks that the body was complete; throws TRUNCATED otherwise. */
  end(): void {
    if (this.#state === 'done') return;
    const where = this.#state === 'body' || this.#state === 'sniff' ? `inside a ${this.#role} part after ${this.#partBytes} bytes` : `in the ${this.#state === 'afterDelimiter' ? 'delimiter' : this.#state}`;
    throw new MultipartError('TRUNCATED', `the multipart answer ended ${where}, before its closing delimiter`);
  }

  /** Processes `input` in the current state; returns the unprocessed rest to go on with, or undefined when it needs more. */
  #step(input: Buffer): Buffer | undefined {
    switch (this.#state) {
      case 'preamble':
        return this.#preamble(input);
      case 'afterDelimiter':
        return this.#afterDelimiter(input);
      case 'headers':
        return this.#headerBlock(input);
      case 'sniff':
        return this.#sniff(input);
      case 'body':
        return this.#body(input);
      case 'done':
        return undefined;
    }
  }

  #preamble(input: Buffer): Buffer | undefined {
    // The first delimiter: `--boundary` at the start of the body or of a line.
    let at = -1;
    if (this.#boundary !== undefined) {
      const dash = Buffer.from(`--${this.#boundary}`);
      if (input.subarray(0, dash.length).equals(dash)) at = 0;
      else {
        const i = input.indexOf(Buffer.concat([Buffer.from('\n'), dash]));
        if (i >= 0) at = i + 1;
      }
      if (at >= 0 && input.length < at + dash.length + 2) return this.#keep(input, 'preamble');
      if (at >= 0) {
        this.#delimiterFound(input, at);
        return input.subarray(at + dash.length);
      }
    } else {
      // No boundary parameter: take it from the first line that starts with `--` (CT-MCP's tolerance).
      const lineStart = input.subarray(0, 2).toString('latin1') === '--' ? 0 : input.indexOf('\n--') >= 0 ? input.indexOf('\n--') + 1 : -1;
      if (lineStart >= 0) {
        const eol = input.indexOf('\n', lineStart);
        if (eol < 0 && input.length - lineStart > 256) throw new MultipartError('NO_BOUNDARY', 'the answer has no multipart boundary');
        if (eol < 0) return this.#keep(input, 'preamble');
        const line = input.subarray(lineStart + 2, eol).toString('latin1').replace(/\r$/, '').trimEnd();
        if (line === '' || line.length > 200 || /\s/.test(line)) throw new MultipartError('NO_BOUNDARY', 'the answer has no multipart boundary');
        this.#boundary = line.replace(/--$/, '');
        this.#delimiterFound(input, lineStart);
        return input.subarray(lineStart + 2 + this.#boundary.length);
      }
    }
    // Keep only what could be the start of a delimiter line; count what is dropped.
    const keepFrom = Math.max(0, input.length - 256);
    this.#preambleBytes += keepFrom;
    if (this.#preambleBytes > this.#limits.maxPreambleBytes) {
      throw new MultipartError('NO_BOUNDARY', `no multipart delimiter in the first ${this.#limits.maxPreambleBytes} bytes of the answer`);
    }
    return this.#keep(input.subarray(keepFrom), 'preamble');
  }

  #delimiterFound(input: Buffer, at: number): void {
    // The line end of the first delimiter line decides CRLF or bare LF for every later delimiter.
    const nl = input.indexOf('\n', at);
    this.#eol = nl > 0 && input[nl - 1] === 0x0d ? '\r\n' : nl > 0 ? '\n' : '\r\n';
    this.#delimiter = Buffer.from(`${this.#eol}--${this.#boundary!}`);
    this.#state = 'afterDelimiter';
  }

  #afterDelimiter(input: Buffer): Buffer | undefined {
    // After `--boundary`: `--` closes the body; otherwise optional transport padding, then the line end.
    if (input.length < 2) return this.#keep(input, 'afterDelimiter');
    if (input[0] === 0x2d && input[1] === 0x2d) {
      this.#finishPart();
      this.#state = 'done';
      return undefined;
    }
    let i = 0;
    while (i < input.length && (input[i] === 0x20 || input[i] === 0x09)) i++;
    if (i > 1024) throw new MultipartError('BAD_DELIMITER', 'a multipart delimiter line has garbage after the boundary');
    if (i >= input.length - 1) return this.#keep(input, 'afterDelimiter');
    let eolLen = 0;
    if (input[i] === 0x0d && input[i + 1] === 0x0a) eolLen = 2;
    else if (input[i] === 0x0a) eolLen = 1;
    if (eolLen === 0) throw new MultipartError('BAD_DELIMITER', 'a multipart delimiter is followed by neither a line end nor "--"');
    this.#finishPart();
    this.#state = 'headers';
    this.#headers = {};
    return input.subarray(i + eolLen);
  }

  #headerBlock(input: Buffer): Buffer | undefined {
    // Headers end with an empty line; a part without headers starts with the empty line itself.
    let bodyStart = -1;
    let blockEnd = -1;
    if (input[0] === 0x0a) [blockEnd, bodyStart] = [0, 1];
    else if (input[0] === 0x0d && input[1] === 0x0a) [blockEnd, bodyStart] = [0, 2];
    else {
      const crlf = input.indexOf('\r\n\r\n');
      const lf = input.indexOf('\n\n');
      if (crlf >= 0 && (lf < 0 || crlf + 2 <= lf + 1)) [blockEnd, bodyStart] = [crlf, crlf + 4];
      else if (lf >= 0) [blockEnd, bodyStart] = [lf, lf + 2];
    }
    if (bodyStart < 0) {
      if (input.length > this.#limits.maxHeaderBytes) throw new MultipartError('HEADERS_TOO_LARGE', `a part's headers exceed ${this.#limits.maxHeaderBytes} bytes`);
      return this.#keep(input, 'headers');
    }
    if (blockEnd > this.#limits.maxHeaderBytes) throw new MultipartError('HEADERS_TOO_LARGE', `a part's headers exceed ${this.#limits.maxHeaderBytes} bytes`);
    this.#headers = parseHeaders(input.subarray(0, blockEnd).toString('latin1'));
    const encoding = (this.#headers['content-transfer-encoding'] ?? '').trim().toLowerCase();
    if (!IDENTITY_ENCODINGS.has(encoding)) throw new MultipartError('UNSUPPORTED_ENCODING', `a part uses Content-Transfer-Encoding '${encoding}', which this reader does not decode`);
    this.#partBytes = 0;
    const contentId = (this.#headers['content-id'] ?? '').trim().replace(/^<|>$/g, '');
    const type = (this.#headers['content-type'] ?? '').toLowerCase();
    const isStart = this.#start !== undefined && contentId === this.#start;
    if (this.parts.length === 0 && !isStart) {
      this.#state = 'sniff'; // the first part: root or attachment by its first bytes
    } else {
      // Later parts: one that claims to be the (missing) root is it; the first other part is the attachment; the rest are skipped.
      const claimsRoot = this.#rootXml === undefined && (isStart || type.includes('xml'));
      this.#role = claimsRoot ? 'root' : this.#sawAttachment ? 'ignored' : 'attachment';
      if (this.#role === 'attachment') this.#beginAttachment();
      this.#addPart();
      this.#state = 'body';
    }
    return input.subarray(bodyStart);
  }

  #sniff(input: Buffer): Buffer | undefined {
    // Decide root or attachment from the first bytes (or the whole part when shorter).
    const end = this.#findDelimiter(input);
    if (end < 0 && input.length < SNIFF_BYTES + this.#delimiter.length) return this.#keep(input, 'sniff');
    const head = input.subarray(0, Math.min(end < 0 ? input.length : end, SNIFF_BYTES)).toString('utf8');
    const type = (this.#headers['content-type'] ?? '').toLowerCase();
    const looksXml = XML_START.test(head) || (type.includes('xml') && /^\uFEFF?\s*</.test(head));
    this.#role = looksXml ? 'root' : 'attachment';
    if (this.#role === 'attachment') this.#beginAttachment();
    this.#addPart();
    this.#state = 'body';
    return input;
  }

  #addPart(): void {
    if (this.parts.length >= this.#limits.maxParts) throw new MultipartError('TOO_MANY_PARTS', `the answer has more than ${this.#limits.maxParts} parts`);
    this.parts.push({ headers: this.#headers, role: this.#role });
  }

  #body(input: Buffer): Buffer | undefined {
    const at = this.#findDelimiter(input);
    if (at >= 0) {
      this.#emit(input.subarray(0, at));
      this.#state = 'afterDelimiter';
      return input.subarray(at + this.#delimiter.length);
    }
    // Hand on all but the bytes that could begin a delimiter split across chunks.
    const keep = Math.min(input.length, this.#delimiter.length - 1);
    let cut = input.length - keep;
    // Keep from the first possible delimiter start in the tail (a line-end byte), or nothing.
    const tail = input.subarray(cut);
    const first = tail.indexOf(this.#delimiter[0]!);
    cut = first < 0 ? input.length : cut + first;
    this.#emit(input.subarray(0, cut));
    return this.#keep(input.subarray(cut), 'body');
  }

  #findDelimiter(input: Buffer): number {
    return input.indexOf(this.#delimiter);
  }

  #emit(data: Buffer): void {
    if (data.length === 0) return;
    this.#partBytes += data.length;
    if (this.#role === 'attachment') {
      this.#attachmentBytes += data.length;
      this.#onAttachment(data);
    } else if (this.#role === 'root') {
      this.#rootBytes += data.length;
      if (this.#rootBytes > this.#limits.maxRootBytes) throw new MultipartError('ROOT_TOO_LARGE', `the XML part exceeds ${this.#limits.maxRootBytes} bytes`);
      this.#root.push(Buffer.from(data));
    }
  }

  #beginAttachment(): void {
    this.#sawAttachment = true;
    this.#attachmentHeaders = this.#headers;
  }

  #finishPart(): void {
    if (this.#role === 'root' && this.#rootXml === undefined) {
      this.#rootXml = Buffer.concat(this.#root).toString('utf8');
      this.#root = [];
    }
    if (this.#role === 'attachment' && this.#attachmentHeaders === this.#headers) {
      const declared = this.#headers['content-length'];
      if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) !== this.#partBytes) {
        throw new MultipartError('PART_SIZE_MISMATCH', `the attachment part declares ${declared.trim()} bytes but carried ${this.#partBytes}`);
      }
    }
    this.#role = 'ignored';
  }

  #keep(input: Buffer, state: State): undefined {
    // Copy: the kept bytes may be a view of a caller's buffer.
    this.#pending = Buffer.from(input);
    this.#state = state;
    return undefined;
  }
}

/** Header lines (`Name: value`, folded lines joined) into a record with lower-cased names. */
function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const raw of block.split(/\r?\n/)) {
    if (raw === '') continue;
    if (/^[ \t]/.test(raw) && last) {
      out[last] += ` ${raw.trim()}`;
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon <= 0) continue;
    last = raw.slice(0, colon).trim().toLowerCase();
    if (!Object.hasOwn(out, last)) out[last] = raw.slice(colon + 1).trim();
  }
  return out;
}
