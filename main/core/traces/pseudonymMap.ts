/**
 * The pseudonyms of a machine: which real user ID, mail/JID domain, IPv4 and IPv6 address became which token.
 * Kept in the app's state folder (`<state>/traces/pseudonyms.json`, owner-only, written atomically), never in a
 * bundle, so the person who sent a bundle out can read the answers that come back, and the same user keeps the
 * same pseudonym across bundles. Tokens carry nothing of the original (a counter): `uid-0001`,
 * `domain1.invalid` (RFC 2606), IPv4 from 198.18.0.0/15 (RFC 2544 benchmarking, never routed), IPv6 from
 * 2001:db8::/32 (RFC 3849 documentation).
 */
import { z } from 'zod';
import { JsonStateFile } from '../base/jsonStateFile.js';
import { AppError } from '../base/errors.js';

export type PseudonymKind = 'user' | 'domain' | 'ipv4' | 'ipv6';

const fileSchema = z
  .object({
    version: z.literal(1),
    user: z.record(z.string(), z.string()),
    domain: z.record(z.string(), z.string()),
    ipv4: z.record(z.string(), z.string()),
    ipv6: z.record(z.string(), z.string()),
  })
  .strict();
type MappingFile = z.infer<typeof fileSchema>;

/** Most distinct IPv4 addresses the 198.18.0.0/15 range can give (one is kept for the network address). */
const IPV4_CAPACITY = (1 << 17) - 1;

function tokenOf(kind: PseudonymKind, n: number): string {
  switch (kind) {
    case 'user':
      return `uid-${String(n).padStart(4, '0')}`;
    case 'domain':
      return `domain${n}.invalid`;
    case 'ipv4': {
      if (n > IPV4_CAPACITY) throw new AppError('PRECONDITION', `more than ${IPV4_CAPACITY} distinct IPv4 addresses to pseudonymise: collect fewer nodes or a shorter range`);
      return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
    }
    case 'ipv6':
      return `2001:db8::${n.toString(16)}`;
  }
}

/**
 * The mapping, loaded once and shared by every collection of the process (two at once get the same tokens).
 * Keys: user IDs lower case (CUCM user IDs are case-insensitive), domains lower case, addresses as written
 * (IPv6 lower case).
 */
export class PseudonymMap {
  readonly #file: JsonStateFile<MappingFile>;
  #data: MappingFile = { version: 1, user: {}, domain: {}, ipv4: {}, ipv6: {} };
  readonly #counts: Record<PseudonymKind, number> = { user: 0, domain: 0, ipv4: 0, ipv6: 0 };
  #loaded: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly onProblem: (message: string) => void = (m) => console.error(`[pseudonyms] ${m}`),
  ) {
    this.#file = new JsonStateFile(path, (raw) => {
      const r = fileSchema.safeParse(raw);
      return r.success ? { ok: true, value: r.data } : { ok: false, problem: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    });
  }

  /** Reads the file once (a missing file starts empty; an unreadable one is set aside by JsonStateFile). */
  load(): Promise<void> {
    this.#loaded ??= this.#file.read(this.onProblem).then((d) => {
      if (d) this.#data = d;
      for (const k of ['user', 'domain', 'ipv4', 'ipv6'] as const) this.#counts[k] = Object.keys(this.#data[k]).length;
    });
    return this.#loaded;
  }

  /** The token of `value`, made when new. */
  token(kind: PseudonymKind, value: string): string {
    const table = this.#data[kind];
    const existing = table[value];
    if (existing !== undefined) return existing;
    const made = tokenOf(kind, ++this.#counts[kind]);
    table[value] = made;
    return made;
  }

  /** The token of `value` when it was learned, else undefined. */
  known(kind: PseudonymKind, value: string): string | undefined {
    return this.#data[kind][value];
  }

  /** The mapped values of a kind (user IDs and domains lower case). */
  values(kind: PseudonymKind): string[] {
    return Object.keys(this.#data[kind]);
  }

  /** How many values of each kind are mapped. */
  counts(): Readonly<Record<PseudonymKind, number>> {
    return { ...this.#counts };
  }

  /** Writes the mapping (atomic, owner-only). */
  save(): Promise<void> {
    return this.#file.write(() => this.#data);
  }
}
