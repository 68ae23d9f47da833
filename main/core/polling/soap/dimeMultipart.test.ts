import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MultipartError, MultipartReader, multipartBoundary } from './dimeMultipart.js';
import { mulberry32 as prng } from '../../../../test/helpers/mulberry32.js';

// The MIME multipart reader of DIME GetOneFile on the reference's shapes (serviceability-reference.md B.5;
// wire-notes.md: quoted and unquoted boundary, CRLF, three header lines per part, an XML part that does not say it
// is XML), then fuzzed: every split, every truncation, wrong sizes, a missing boundary, mutated bodies.
const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, 'fixtures', name));
const AXIS = fixture('dime-getonefile-axis.bin');
const AXIS_TYPE = fixture('dime-getonefile-axis.content-type').toString('utf8').trim();
const ATTACHMENT = fixture('dime-getonefile-axis.attachment');

interface Outcome {
  readonly root?: string;
  readonly attachment: Buffer;
  readonly hasAttachment: boolean;
  readonly complete: boolean;
  readonly error?: MultipartError;
}

/** Feeds `chunks` and ends; any exception other than MultipartError fails the test. */
function read(contentType: string | undefined, chunks: readonly Buffer[], limits = {}): Outcome {
  const got: Buffer[] = [];
  const reader = new MultipartReader(contentType, (d) => got.push(Buffer.from(d)), limits);
  try {
    for (const c of chunks) reader.write(c);
    reader.end();
  } catch (err) {
    if (!(err instanceof MultipartError)) throw err;
    return { attachment: Buffer.concat(got), hasAttachment: reader.hasAttachment, complete: reader.complete, error: err, ...(reader.rootXml !== undefined ? { root: reader.rootXml } : {}) };
  }
  return { attachment: Buffer.concat(got), hasAttachment: reader.hasAttachment, complete: reader.complete, ...(reader.rootXml !== undefined ? { root: reader.rootXml } : {}) };
}


function randomChunks(body: Buffer, rnd: () => number, max: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < body.length;) {
    const n = 1 + Math.floor(rnd() * max);
    out.push(body.subarray(i, i + n));
    i += n;
  }
  return out;
}

/** A multipart body as Axis 1 writes it, with `eol` line ends and an optional part Content-Length. */
function body(boundary: string, attachment: Buffer, o: { eol?: string; rootType?: string; partLength?: number; preamble?: string } = {}): Buffer {
  const eol = o.eol ?? '\r\n';
  const root = '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:GetOneFileResponse xmlns:ns1="x"><GetOneFileReturn href="cid:a"/></ns1:GetOneFileResponse></soapenv:Body></soapenv:Envelope>';
  const head =
    `${o.preamble ?? ''}--${boundary}${eol}Content-Type: ${o.rootType ?? 'text/xml; charset=UTF-8'}${eol}Content-Transfer-Encoding: binary${eol}Content-Id: <r>${eol}${eol}${root}${eol}` +
    `--${boundary}${eol}Content-Type: application/octet-stream${eol}Content-Transfer-Encoding: binary${eol}Content-Id: <a>${eol}` +
    (o.partLength !== undefined ? `Content-Length: ${o.partLength}${eol}` : '') + eol;
  return Buffer.concat([Buffer.from(head, 'latin1'), attachment, Buffer.from(`${eol}--${boundary}--${eol}`, 'latin1')]);
}

describe('multipartBoundary', () => {
  it('reads quoted (cisco-dime splits on ") and unquoted (splits on =) boundaries', () => {
    expect(multipartBoundary(AXIS_TYPE)).toBe('----=_Part_0_1520473716.1697102841539');
    expect(multipartBoundary('multipart/related; boundary=MIMEBoundaryurn_uuid_5E3B; type="application/xop+xml"')).toBe('MIMEBoundaryurn_uuid_5E3B');
    expect(multipartBoundary('text/xml; charset=UTF-8')).toBeUndefined();
    expect(multipartBoundary('multipart/related; type="text/xml"')).toBeUndefined();
  });
});

describe('MultipartReader on the reference shapes', () => {
  it('Axis SwA GetOneFile: XML root kept, attachment handed on byte for byte (binary, CRLF and "--" inside)', () => {
    const r = read(AXIS_TYPE, [AXIS]);
    expect(r.error).toBeUndefined();
    expect(r.root).toContain('GetOneFileResponse');
    expect(r.attachment.equals(ATTACHMENT)).toBe(true);
    expect(r.complete).toBe(true);
  });

  it('an XML part typed application/octet-stream is still the root (sniffed), without a start parameter', () => {
    const r = read('multipart/related; boundary="----=_Part_0_1520473716.1697102841539"', [fixture('dime-getonefile-untyped-root.bin')]);
    expect(r.error).toBeUndefined();
    expect(r.root).toContain('GetOneFileResponse');
    expect(r.attachment.equals(ATTACHMENT)).toBe(true);
  });

  it('unquoted boundary, bare LF line ends, a preamble', () => {
    const data = Buffer.from('line one\nline two\n--almost\n');
    const r = read('multipart/related; boundary=MIMEBoundaryurn_uuid_77', [body('MIMEBoundaryurn_uuid_77', data, { eol: '\n', preamble: 'This is a MIME message\n' })]);
    expect(r.error).toBeUndefined();
    expect(r.attachment.equals(data)).toBe(true);
  });

  it('a missing boundary parameter is recovered from the body\'s first delimiter line', () => {
    const data = Buffer.from('payload');
    for (const type of ['multipart/related', undefined]) {
      const r = read(type, [body('abc123', data)]);
      expect(r.error).toBeUndefined();
      expect(r.attachment.toString()).toBe('payload');
    }
  });

  it('an empty attachment and an attachment that is only line ends', () => {
    expect(read('multipart/related; boundary=b', [body('b', Buffer.alloc(0))]).attachment.length).toBe(0);
    const crlf = Buffer.from('\r\n\r\n\r\n');
    expect(read('multipart/related; boundary=b', [body('b', crlf)]).attachment.equals(crlf)).toBe(true);
  });

  it('a part Content-Length that does not match what the part carried is PART_SIZE_MISMATCH', () => {
    const data = Buffer.from('0123456789');
    expect(read('multipart/related; boundary=b', [body('b', data, { partLength: 10 })]).error).toBeUndefined();
    expect(read('multipart/related; boundary=b', [body('b', data, { partLength: 11 })]).error?.reason).toBe('PART_SIZE_MISMATCH');
    expect(read('multipart/related; boundary=b', [body('b', data, { partLength: 9 })]).error?.reason).toBe('PART_SIZE_MISMATCH');
  });

  it('refuses what it cannot read: base64 parts, headers or a root past their limits, no delimiter at all', () => {
    const b64 = Buffer.from(body('b', Buffer.from('x')).toString('latin1').replace('Content-Transfer-Encoding: binary\r\nContent-Id: <a>', 'Content-Transfer-Encoding: base64\r\nContent-Id: <a>'), 'latin1');
    expect(read('multipart/related; boundary=b', [b64]).error?.reason).toBe('UNSUPPORTED_ENCODING');
    const bigHeader = Buffer.from(`--b\r\nX-Junk: ${'j'.repeat(20_000)}\r\n\r\n<x/>\r\n--b--\r\n`);
    expect(read('multipart/related; boundary=b', [bigHeader]).error?.reason).toBe('HEADERS_TOO_LARGE');
    expect(read('multipart/related; boundary=b', [body('b', Buffer.from('x'))], { maxRootBytes: 20 }).error?.reason).toBe('ROOT_TOO_LARGE');
    expect(read('multipart/related; boundary=b', [Buffer.alloc(100_000, 0x41)]).error?.reason).toBe('NO_BOUNDARY');
    expect(read(undefined, [Buffer.from('<soapenv:Envelope/>')]).error?.reason).toBe('TRUNCATED');
    // 100,000 empty parts after the root and the attachment: refused at the limit, the list never grows past it.
    const many = Buffer.from(`${body('b', Buffer.from('x')).toString('latin1').replace(/--b--\r\n$/, '')}${'--b\r\nContent-Type: text/plain\r\n\r\n\r\n'.repeat(100_000)}--b--\r\n`, 'latin1');
    const outcome = read('multipart/related; boundary=b', [many]);
    expect(outcome.error?.reason).toBe('TOO_MANY_PARTS');
    expect(outcome.attachment.toString()).toBe('x');
  });

  it('hands the attachment on as it arrives, keeping only a delimiter\'s worth of bytes back', () => {
    const data = Buffer.alloc(1024 * 1024, 0x61);
    const whole = body('b', data);
    const headLength = whole.indexOf(data.subarray(0, 16));
    const seen: number[] = [];
    const reader = new MultipartReader('multipart/related; boundary=b', (d) => seen.push(d.length));
    let fed = 0;
    for (let i = 0; i < whole.length; i += 65536) {
      const c = whole.subarray(i, i + 65536);
      reader.write(c);
      fed += c.length;
      // Everything fed past the headers is out except what could start the closing delimiter.
      if (fed < whole.length - 100) expect(fed - headLength - reader.attachmentBytes).toBeLessThan('\r\n--b'.length);
    }
    reader.end();
    expect(reader.attachmentBytes).toBe(data.length);
  });
});

describe('MultipartReader fuzz (no crash, no hang, never wrong bytes reported complete)', () => {
  const samples: Array<[string, string | undefined, Buffer, Buffer]> = [
    ['axis', AXIS_TYPE, AXIS, ATTACHMENT],
    ['lf', 'multipart/related; boundary=zz', body('zz', Buffer.from('a\nb\r\nc\n--z\nx--zz-\n'), { eol: '\n' }), Buffer.from('a\nb\r\nc\n--z\nx--zz-\n')],
    ['noboundary', undefined, body('q-1', Buffer.from('\r\n--q-\r\n--q-2\r\n')), Buffer.from('\r\n--q-\r\n--q-2\r\n')],
  ];

  it('every split into two chunks and random chunkings give the same answer', () => {
    for (const [name, type, whole, expected] of samples) {
      for (let i = 0; i <= whole.length; i++) {
        const r = read(type, [whole.subarray(0, i), whole.subarray(i)]);
        expect(r.error, `${name} split at ${i}`).toBeUndefined();
        expect(r.attachment.equals(expected), `${name} split at ${i}`).toBe(true);
      }
      const rnd = prng(7);
      for (let k = 0; k < 300; k++) {
        const r = read(type, randomChunks(whole, rnd, 1 + Math.floor(rnd() * 120)));
        expect(r.attachment.equals(expected), `${name} chunking ${k}`).toBe(true);
      }
    }
  });

  it('every truncation is TRUNCATED (or complete with the exact bytes when only the epilogue is cut)', () => {
    for (const [name, type, whole, expected] of samples) {
      for (let i = 0; i < whole.length; i++) {
        const r = read(type, [whole.subarray(0, i)]);
        if (r.complete) {
          expect(r.attachment.equals(expected), `${name} cut at ${i}`).toBe(true);
          continue;
        }
        expect(r.error?.reason, `${name} cut at ${i}`).toBe('TRUNCATED');
        expect(expected.subarray(0, r.attachment.length).equals(r.attachment), `${name} cut at ${i}: a prefix`).toBe(true);
      }
    }
  });

  it('mutated bodies (flipped, deleted, inserted, duplicated bytes) end in a MultipartError or an answer, never a throw of another kind', () => {
    const rnd = prng(12);
    let errors = 0;
    for (let k = 0; k < 3000; k++) {
      const [, type, whole] = samples[k % samples.length]!;
      const b = Buffer.from(whole);
      let m: Buffer = b;
      const edits = 1 + Math.floor(rnd() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * m.length);
        const op = Math.floor(rnd() * 4);
        if (op === 0) m[at] = Math.floor(rnd() * 256);
        else if (op === 1) m = Buffer.concat([m.subarray(0, at), m.subarray(at + 1 + Math.floor(rnd() * 20))]);
        else if (op === 2) m = Buffer.concat([m.subarray(0, at), Buffer.from(rnd() < 0.5 ? '\r\n--' : '--\r\n\r\n'), m.subarray(at)]);
        else m = Buffer.concat([m.subarray(0, at), m.subarray(at, at + 40), m.subarray(at)]);
      }
      const r = read(type, randomChunks(m, rnd, 64));
      if (r.error) errors++;
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('random bytes under a multipart type end in NO_BOUNDARY or TRUNCATED', () => {
    const rnd = prng(3);
    for (let k = 0; k < 200; k++) {
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 5000) }, () => Math.floor(rnd() * 256)));
      const r = read(k % 2 ? 'multipart/related; boundary=b' : undefined, randomChunks(junk, rnd, 500));
      if (!r.error) expect(r.complete).toBe(true);
      else expect(['NO_BOUNDARY', 'TRUNCATED', 'BAD_DELIMITER', 'HEADERS_TOO_LARGE']).toContain(r.error.reason);
    }
  });
});
