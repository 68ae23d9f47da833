/**
 * Pseudonymisation of a bundle's text logs before packing (issue 12, "beyond RTMT"): user IDs, JIDs and e-mail
 * addresses (local part and domain), IPv4 and IPv6 addresses are replaced by stable tokens from the machine's
 * {@link PseudonymMap}, kept in the state folder and never written into a bundle.
 *
 * Two passes, as the engine's BundleTransform asks: `prepare` scans every staged file first and learns the
 * identities (addresses `local@domain`, `user=`/`userid:`-style fields), so a bare user ID written before its
 * JID, or in another file, is still replaced; `open` then streams a file rewritten (a `.gz` file is gunzipped,
 * rewritten and gzipped again). Bytes are handled as latin1, so everything that is not an identity passes through
 * byte for byte whatever its encoding. A file whose first bytes hold a NUL is binary (a core file): it passes
 * unchanged. A `.gz` file that cannot be decompressed fails its stream (the engine records the file as failed): a
 * file is never packed without its rewrite.
 */
import { createReadStream } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { PassThrough, pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../base/errors.js';
import type { PseudonymMap } from './pseudonymMap.js';

/** A staged file of the bundle (path on this machine, and whether it is gzip). */
export interface StagedFile {
  readonly localPath: string;
  readonly gz: boolean;
}

/** The engine's bundle transform (TraceCollectionsDeps.pseudonymizer in traceCollections.ts). */
export interface PseudonymizingTransform {
  prepare(files: readonly StagedFile[]): Promise<void>;
  open(localPath: string, gz: boolean): NodeJS.ReadableStream;
  finish(): Promise<void>;
}

/** The local part of an address after its first character (it starts at a word boundary: several times faster than a look-behind). */
const LOCAL_REST = String.raw`[A-Za-z0-9._%+-]*`;
const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
/** One scan finds addresses (`local@domain`: e-mails, JIDs, SIP URIs), IPv6 and IPv4 addresses. */
const SCAN = new RegExp(
  [
    String.raw`\b([A-Za-z0-9_]${LOCAL_REST})@(${LABEL}(?:\.${LABEL})*)`,
    String.raw`(?<![0-9A-Za-z:.])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|${OCTET}(?:\.${OCTET}){3})?)(?![0-9A-Za-z:])`,
    String.raw`(?<![0-9.])(${OCTET}(?:\.${OCTET}){3})(?![0-9]|\.\d)`,
  ].join('|'),
  'g',
);
/** Fields that name a user without an address (`userid=alice`, `User ID: alice`, `"username":"alice"`). */
const USER_FIELD = /\b(?:user[ _-]?id|userid|user[ _-]?name|user|uid|login[ _-]?id)["']?\s*[=:]\s*["']?([A-Za-z0-9._-]{2,64})/gi;

/** Addresses that identify nobody and stay (unspecified and broadcast). */
const KEEP_IPV4 = new Set(['0.0.0.0', '255.255.255.255']);

/** Longest run without a newline kept waiting for its end (a longer one is cut at a character no identity has). */
const MAX_PENDING = 1 << 20;

/** Learns identities from text and rewrites text with the map. */
export class Pseudonymizer implements PseudonymizingTransform {
  constructor(private readonly map: PseudonymMap) {}

  /** Learns from every staged text file (streaming; gzip decompressed; binary files skipped). */
  async prepare(files: readonly StagedFile[]): Promise<void> {
    await this.map.load();
    for (const f of files) {
      await new Promise<void>((resolve, reject) => {
        const learner = new TextBlocks((block) => (this.learn(block), block));
        const stages: (NodeJS.ReadableStream | NodeJS.WritableStream)[] = [createReadStream(f.localPath)];
        if (f.gz) stages.push(createGunzip());
        stages.push(learner);
        learner.resume();
        pipeline(stages as unknown as [Readable, ...NodeJS.WritableStream[]], (err) => (err ? reject(new AppError('PRECONDITION', `cannot read ${f.localPath} for pseudonymisation: ${err.message}`, { cause: err })) : resolve()));
      });
    }
  }

  /** The file's bytes rewritten (gzip in, gzip out). */
  open(localPath: string, gz: boolean): NodeJS.ReadableStream {
    const out = new PassThrough();
    const stages: (NodeJS.ReadableStream | NodeJS.WritableStream)[] = [createReadStream(localPath)];
    if (gz) stages.push(createGunzip());
    stages.push(new TextBlocks((block) => this.rewrite(block)));
    if (gz) stages.push(createGzip());
    stages.push(out);
    pipeline(stages as unknown as [Readable, ...NodeJS.WritableStream[]], (err) => {
      if (err && !out.destroyed) out.destroy(err);
    });
    return out;
  }

  /** Saves the mapping. */
  finish(): Promise<void> {
    return this.map.save();
  }

  /** Learns the identities of a block of text (latin1). */
  learn(text: string): void {
    for (const m of text.matchAll(SCAN)) {
      if (m[1] !== undefined && m[2] !== undefined) {
        this.map.token('user', m[1].toLowerCase());
        this.map.token('domain', m[2].toLowerCase());
      }
    }
    for (const m of text.matchAll(USER_FIELD)) this.map.token('user', m[1]!.toLowerCase());
  }

  /** The block with every identity replaced: addresses first, then bare user IDs and host names of learned domains. */
  rewrite(text: string): string {
    const once = text.replace(SCAN, (all: string, local?: string, domain?: string, v6?: string, v4?: string) => {
      if (local !== undefined && domain !== undefined) return `${this.map.token('user', local.toLowerCase())}@${this.map.token('domain', domain.toLowerCase())}`;
      if (v6 !== undefined) return isIPv6(v6) ? this.map.token('ipv6', v6.toLowerCase()) : all;
      if (v4 !== undefined) return isIPv4(v4) && !KEEP_IPV4.has(v4) ? this.map.token('ipv4', v4) : all;
      return all;
    });
    const words = this.#wordPattern();
    if (!words) return once;
    return once.replace(words, (all: string, user?: string, host?: string, domain?: string) => {
      if (user !== undefined) return this.map.known('user', user.toLowerCase()) ?? all;
      if (domain !== undefined) {
        const token = this.map.known('domain', domain.toLowerCase());
        return token === undefined ? all : `${host ?? ''}${token}`;
      }
      return all;
    });
  }

  #words: { users: number; domains: number; re: RegExp | undefined } | undefined;

  /**
   * A regular expression of the learned user IDs and domains as whole words (a domain also as the end of a host
   * name), built as a trie so a block is scanned once however many users there are; rebuilt when more were learned.
   */
  #wordPattern(): RegExp | undefined {
    const { user, domain } = this.map.counts();
    if (this.#words && this.#words.users === user && this.#words.domains === domain) return this.#words.re;
    const users = this.map.values('user').filter((u) => /^[a-z0-9_][a-z0-9._-]*$/.test(u));
    const domains = this.map.values('domain');
    // Always three groups (user, host, domain); a kind with nothing learned is a branch that never matches.
    const userPart = users.length ? `(${trieRegex(users)})` : '(?!)()';
    const domainPart = domains.length ? `((?:[A-Za-z0-9_-]+\\.)*)(${trieRegex(domains)})` : '(?!)()()';
    const re = users.length + domains.length ? new RegExp(`\\b(?<![.-])(?:${userPart}|${domainPart})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'gi') : undefined;
    this.#words = { users: user, domains: domain, re };
    return re;
  }
}

/** A regular expression source matching exactly the given strings (longest first at each branch), as a trie. */
export function trieRegex(words: readonly string[]): string {
  type Node = Map<string, Node> & { end?: boolean };
  const root: Node = new Map();
  for (const w of words) {
    let n = root;
    for (const ch of w) {
      let next = n.get(ch);
      if (!next) n.set(ch, (next = new Map()));
      n = next;
    }
    n.end = true;
  }
  const esc = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const build = (n: Node): string => {
    const branches = [...n.entries()].map(([ch, child]) => esc(ch) + build(child));
    if (branches.length === 0) return '';
    const alt = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    return n.end ? `(?:${alt})?` : alt;
  };
  return build(root);
}

/**
 * Hands `apply` whole lines (latin1 text, so every byte survives), never a half identity: text waits for its
 * newline, up to MAX_PENDING. From the first block that holds a NUL the stream is binary and passes unchanged.
 */
class TextBlocks extends Transform {
  #pending = '';
  #binary = false;
  #first = true;

  constructor(private readonly apply: (text: string) => string) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.#first) {
      this.#first = false;
      this.#binary = chunk.subarray(0, 8192).includes(0);
    }
    if (this.#binary) return done(null, chunk);
    const text = this.#pending + chunk.toString('latin1');
    let cut = text.lastIndexOf('\n') + 1;
    if (cut === 0 && text.length > MAX_PENDING) cut = safeCut(text);
    this.#pending = text.slice(cut);
    done(null, cut > 0 ? Buffer.from(this.apply(text.slice(0, cut)), 'latin1') : undefined);
  }

  override _flush(done: TransformCallback): void {
    done(null, this.#pending ? Buffer.from(this.apply(this.#pending), 'latin1') : undefined);
  }
}

/** Where a very long line may be cut: after the last character no identity contains. */
function safeCut(text: string): number {
  for (let i = text.length - 1; i > 0; i--) if (!/[A-Za-z0-9._%+:@-]/.test(text[i]!)) return i + 1;
  return text.length;
}
