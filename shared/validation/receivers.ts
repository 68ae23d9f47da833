/**
 * zod schema of the receivers' settings (shared/model/receivers.ts), used by the IPC argument parser
 * (`receivers.save`), by `<state>/receivers.json` reading and by the launch overrides. The address is one the
 * machine can bind (IPv4 or IPv6 literal, no host names: a name would resolve differently at each start); ports are
 * 0 (off) or 1-65535 (below 1024 the OS asks for CAP_NET_BIND_SERVICE, reported when binding, not refused here).
 */
import { z } from 'zod';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 or IPv6 literal (the renderer validates too, so no node:net here; IPv6 through zod's check). */
export function isIpLiteral(s: string): boolean {
  return IPV4.test(s) || z.ipv6().safeParse(s).success;
}

/** A port of a receiver: 0 = off. */
export const receiverPortSchema = z.number().int('must be a whole number').min(0, 'must be 0 (off) or 1-65535').max(65535, 'must be 0 (off) or 1-65535');

/** An address to bind: an IPv4 or IPv6 literal (0.0.0.0 = every interface). */
export const receiverAddressSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64)
  .refine(isIpLiteral, 'must be an IPv4 or IPv6 address (e.g. 127.0.0.1, 0.0.0.0 or one of this machine’s addresses)');

/**
 * An SNMP v2c community accepted on traps (printable, no blanks: it is a word of an admin CLI command too). At most
 * 32 characters: what Cisco Unified Serviceability takes for a community string, and what the simulated nodes'
 * `utils snmp config 2c trap add` takes, so that "Configure nodes" never fails on a community saved here.
 */
export const trapCommunitySchema = z.string().min(1, 'must not be empty').max(32, 'must be at most 32 characters').regex(/^[\x21-\x7e]+$/, 'must be printable characters without blanks')
  .refine((s) => !/["'\\]/.test(s), 'must not contain quotes or backslashes');

export const receiverSettingsSchema = z.strictObject({
  address: receiverAddressSchema,
  syslogUdpPort: receiverPortSchema,
  syslogTcpPort: receiverPortSchema,
  trapPort: receiverPortSchema,
  trapCommunities: z.array(trapCommunitySchema).max(16, 'at most 16 communities').refine((a) => new Set(a).size === a.length, 'must not repeat a community'),
});
