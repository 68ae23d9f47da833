import { hashString } from '../../random/seededRandom.js';
import { usage } from '../cliMessages.js';
import { unixDate } from '../cliTime.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

/** Poll interval of a synchronised ntpd, seconds. */
const POLL_SEC = 1024;

/**
 * `utils ntp status` in the layout of serviceability-reference.md D.9 (`ntpq -p`, then `ntpstat`). IM&P nodes
 * use the CUCM publisher as their NTP server; the CUCM publisher uses an external stratum-1 server at the .1
 * address of its /24 (ours). Node addresses are in 127.0.0.0/8 (profile/loopbackAddresses.ts), so this server's
 * is too (127.0.10.1 by default): nothing ever reported points outside loopback. Stratum: external 1, CUCM 2, IM&P 3 (within the "Pub at most 3, Sub at most 4"
 * guidance). An isolated node or an unreachable server is unsynchronised with reach 0.
 */
export function ntpStatusText(ctx: Pick<CommandContext, 'model' | 'node'>): string {
  const { model, node } = ctx;
  const now = model.now();
  const cucm = [...model.nodes.values()].find((n) => n.isCucm);
  const external = `${node.ipAddress.split('.').slice(0, 3).join('.')}.1`;
  const server = node.isCucm || !cucm ? { ip: external, refid: '.GPS.', st: 1 } : { ip: cucm.ipAddress, refid: external, st: 2 };
  const reachable = !node.isolated && (node.isCucm || !cucm || cucm.reachable);
  const h = hashString(`${node.name}:ntp`);
  const when = Math.floor((now / 1000 + (h % POLL_SEC)) % POLL_SEC);
  const delay = (0.1 + (h % 400) / 1000).toFixed(3);
  const offset = (((h >> 8) % 1000) / 1000 - 0.5).toFixed(3);
  const jitter = (0.05 + ((h >> 16) % 300) / 1000).toFixed(3);
  const pid = 2000 + node.index * 37;
  const mark = reachable ? '*' : ' ';
  const row = `${mark}${server.ip.padEnd(15)} ${server.refid.padEnd(11)}${String(server.st).padStart(2)} u ${String(reachable ? when : '-').padStart(4)} ${String(reachable ? POLL_SEC : 64).padStart(4)} ${(reachable ? '377' : '0').padStart(5)} ${delay.padStart(8)} ${offset.padStart(8)} ${jitter.padStart(7)}`;
  const state = reachable
    ? [`synchronised to NTP server (${server.ip}) at stratum ${server.st + 1}`, `   time correct to within ${Math.round(Number(delay) * 100 + 20)} ms`, `   polling server every ${POLL_SEC} s`]
    : ['unsynchronised', '  time server re-starting', '   polling server every 8 s'];
  return [
    `ntpd (pid ${pid}) is running...`,
    '',
    'remote           refid      st t when poll reach   delay   offset  jitter',
    '==============================================================================',
    row,
    '',
    '',
    ...state,
    '',
    `Current time in UTC is : ${unixDate(now)}`,
    '',
  ].join('\n');
}

/** `utils ntp status`. */
export const utilsNtpCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'ntp', 'status'],
    syntax: 'utils ntp status',
    run: async (ctx, args) => {
      if (args.length > 0) return usage(ctx, 'utils ntp status');
      await ctx.output(ntpStatusText(ctx));
    },
  },
];
