/**
 * Addresses of a simulated cluster. Every address a simulated node reports or uses lies in 127.0.0.0/8, so no
 * default and no test ever sends a packet outside loopback (Linux routes all of 127/8 to `lo`; a socket bound to
 * a 127/8 address cannot reach another network at all). Node i of a profile (profile order) is
 * `endpoints.addressBase + i` unless the profile gives its `ipAddress`; the DRS backup SFTP server, a separate
 * device, sits on the address just below the base (127.0.10.10 for the default 127.0.10.11).
 */

/** The default first node address (cucm-pub 127.0.10.11, imp-pub .12, imp-sub1 .13, imp-sub2 .14, imp-sub3 .15). */
export const DEFAULT_ADDRESS_BASE = '127.0.10.11';

/** Dotted IPv4 to a 32-bit unsigned integer; undefined when `text` is not a dotted quad. */
export function ipv4ToInt(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
}

/** A 32-bit unsigned integer to dotted IPv4. */
export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Whether `text` is a usable host address in 127.0.0.0/8 (not the network 127.0.0.0, not the broadcast 127.255.255.255). */
export function isLoopbackHostAddress(text: string): boolean {
  const n = ipv4ToInt(text);
  return n !== undefined && n >>> 24 === 127 && (n & 0xffffff) !== 0 && (n & 0xffffff) !== 0xffffff;
}

/** `base` + `offset` as dotted IPv4 (the caller validates the result). */
export function offsetAddress(base: string, offset: number): string {
  const n = ipv4ToInt(base);
  if (n === undefined) throw new RangeError(`not an IPv4 address: ${base}`);
  return intToIpv4((n + offset) >>> 0);
}

/** The profile pieces that decide addresses. */
export interface AddressedProfile {
  readonly nodes: ReadonlyArray<{ readonly name: string; readonly ipAddress?: string | undefined }>;
  readonly endpoints: { readonly addressBase: string };
}

/** The address node `index` of the profile reports (`show network cluster`, DRS registration) and listens on. */
export function nodeAddress(profile: AddressedProfile, index: number): string {
  return profile.nodes[index]?.ipAddress ?? offsetAddress(profile.endpoints.addressBase, index);
}

/** The DRS backup SFTP server's address: the one just below the address base. */
export function backupServerAddress(profile: AddressedProfile): string {
  return offsetAddress(profile.endpoints.addressBase, -1);
}
