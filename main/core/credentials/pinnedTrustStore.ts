import { AppError } from '../base/errors.js';
import { normalizeSshFingerprint, normalizeTlsFingerprint, tlsFingerprint } from './fingerprints.js';
import { JsonStateWriter } from '../base/jsonStateFile.js';
import { readCredentialFile, trustFileSchema } from './credentialFiles.js';
import { assertOwnerOnly } from './secureFile.js';

/** What a pin is for. */
export type TrustKind = 'tls' | 'ssh';

/** The answer of `verify`: the presented identity equals the pin, differs from it, or nothing is pinned. */
export type TrustVerdict = 'match' | 'mismatch' | 'unknown';

/** A pinned TLS certificate of host:port. */
export interface TlsPin {
  readonly kind: 'tls';
  readonly host: string;
  readonly port: number;
  readonly pem: string;
  /** `AA:BB:…` SHA-256 of the DER certificate. */
  readonly sha256: string;
  readonly pinnedAtMs: number;
}

/** A pinned SSH host key of host:port. */
export interface SshPin {
  readonly kind: 'ssh';
  readonly host: string;
  readonly port: number;
  /** `SHA256:…` as OpenSSH prints it. */
  readonly sha256: string;
  readonly keyType?: string;
  readonly pinnedAtMs: number;
}

/** A pin of either kind. */
export type TrustPin = TlsPin | SshPin;

/** What `pin` takes: a certificate in PEM, or an SSH fingerprint. */
export type PinRequest =
  | { readonly kind: 'tls'; readonly host: string; readonly port: number; readonly pem: string }
  | { readonly kind: 'ssh'; readonly host: string; readonly port: number; readonly fingerprint: string; readonly keyType?: string };

interface TrustFile {
  readonly version: 1;
  readonly pins: TrustPin[];
}

/**
 * Explicit trust per host:port (issue 4: pinned on first use with the user's consent, or imported; never a global
 * switch that disables verification). Persisted as JSON with mode 0600; a changed certificate or host key is a
 * `mismatch` that callers refuse with a clear error.
 */
export class PinnedTrustStore {
  readonly #file: JsonStateWriter;
  readonly #pins: Map<string, TrustPin>;

  private constructor(path: string, pins: Map<string, TrustPin>) {
    this.#file = new JsonStateWriter(path);
    this.#pins = pins;
  }

  /** Opens (or starts empty) the trust file; refuses one other users can access (PRECONDITION). */
  static async open(path: string): Promise<PinnedTrustStore> {
    const pins = new Map<string, TrustPin>();
    if (await assertOwnerOnly(path, 'trust store')) {
      const parsed = await readCredentialFile(path, 'trust store', trustFileSchema);
      for (const p of parsed.pins) pins.set(pinKey(p.kind, p.host, p.port), p);
    }
    return new PinnedTrustStore(path, pins);
  }

  /** Pins (or re-pins, after the user accepted a change) the identity of host:port and saves the file. */
  async pin(req: PinRequest, nowMs = Date.now()): Promise<TrustPin> {
    const host = normalizeHost(req.host);
    checkPort(req.port);
    const pin: TrustPin =
      req.kind === 'tls'
        ? { kind: 'tls', host, port: req.port, pem: req.pem.trim() + '\n', sha256: tlsFingerprint(req.pem), pinnedAtMs: nowMs }
        : {
            kind: 'ssh',
            host,
            port: req.port,
            sha256: normalizeSshFingerprint(req.fingerprint),
            ...(req.keyType ? { keyType: req.keyType } : {}),
            pinnedAtMs: nowMs,
          };
    this.#pins.set(pinKey(pin.kind, host, pin.port), pin);
    await this.#save();
    return pin;
  }

  /** The pin of host:port, or undefined. */
  get(kind: TrustKind, host: string, port: number): TrustPin | undefined {
    return this.#pins.get(pinKey(kind, normalizeHost(host), port));
  }

  /**
   * Compares a presented identity with the pin: for TLS a SHA-256 fingerprint (`AA:BB:…`, as in
   * `PeerCertificate.fingerprint256`) or the certificate in PEM; for SSH a `SHA256:…` fingerprint.
   * A malformed presented value is a `mismatch`, never a crash.
   */
  verify(kind: TrustKind, host: string, port: number, presented: string): TrustVerdict {
    const pin = this.get(kind, host, port);
    if (!pin) return 'unknown';
    let fp: string;
    try {
      if (kind === 'tls') fp = presented.includes('-----BEGIN') ? tlsFingerprint(presented) : normalizeTlsFingerprint(presented);
      else fp = normalizeSshFingerprint(presented);
    } catch {
      return 'mismatch';
    }
    return fp === pin.sha256 ? 'match' : 'mismatch';
  }

  /** Removes a pin; returns whether there was one. */
  async unpin(kind: TrustKind, host: string, port: number): Promise<boolean> {
    const had = this.#pins.delete(pinKey(kind, normalizeHost(host), port));
    if (had) await this.#save();
    return had;
  }

  /** All pins, sorted by kind, host, port. */
  list(): TrustPin[] {
    return [...this.#pins.values()].sort((a, b) =>
      a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.host !== b.host ? (a.host < b.host ? -1 : 1) : a.port - b.port,
    );
  }

  /** Saves the pins (atomic, 0600, serialized: the latest pins win). */
  #save(): Promise<void> {
    return this.#file.write(() => ({ version: 1, pins: this.list() }) satisfies TrustFile);
  }
}

function pinKey(kind: TrustKind, host: string, port: number): string {
  return `${kind} ${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function normalizeHost(host: string): string {
  const h = typeof host === 'string' ? host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1') : '';
  if (h === '' || h.length > 253 || /\s/.test(h)) throw new AppError('VALIDATION', `invalid host "${String(host)}"`);
  return h;
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new AppError('VALIDATION', `invalid port ${port}`);
}
