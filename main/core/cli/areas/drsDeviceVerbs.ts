import { Option } from 'commander';
import { integerArg } from '../../base/commandLine.js';
import { DRS_MAX_BACKUPS_TO_KEEP, DRS_MAX_DEVICES, type DrsDevice } from '../../../../shared/model/drs.js';
import type { Column } from '../conventions/outputFormat.js';
import { drsVerb } from './drsVerb.js';

/** `imp drs registration|devices|device-add|device-delete`: what the cluster registered, its backup devices. */

interface RegistrationRow {
  readonly node: string;
  readonly feature: string;
  readonly components: readonly string[];
  readonly error?: string;
}

export const registration = drsVerb<Record<string, never>, RegistrationRow>({
  name: 'registration',
  summary: 'the features and components each node registered with the DRS Master Agent (show_registration)',
  output: true,
  help: `Asks the publisher's Master Agent what each node registered (utils disaster_recovery show_registration
<hostname>) and prints one row per node and feature:
  {node, feature, components: [..]}   feature names exactly as the cluster registers them (UCM, CDR_CAR, PLM, IM&P)
A node that could not be asked prints one row with feature null and its error (also on stderr).
Exit codes: 0 when at least one node answered; 1 when none did or the publisher could not be reached, with one
line on stderr (DRS's words); 2 bad usage.`,
  run: async (ctx, { ops }) => {
    const nodes = await ops.registration();
    const rows: RegistrationRow[] = [];
    for (const n of nodes) {
      if (n.error) {
        ctx.log(`imp: ${n.node}: ${n.error.code}: ${n.error.message}`);
        rows.push({ node: n.node, feature: '', components: [], error: `${n.error.code}: ${n.error.message}` });
        continue;
      }
      for (const f of n.features) rows.push({ node: n.node, feature: f.feature, components: f.components });
    }
    const answered = nodes.some((n) => !n.error);
    return {
      rows,
      columns: [
        { header: 'NODE', value: (r) => r.node },
        { header: 'FEATURE', value: (r) => (r.error ? undefined : r.feature) },
        { header: 'COMPONENTS', value: (r) => r.error ?? r.components.join(',') },
      ],
      json: (r) => ({ node: r.node, feature: r.error ? null : r.feature, components: r.components, ...(r.error ? { error: r.error } : {}) }),
      ...(answered ? {} : { failure: nodes.length === 0 ? 'no node to ask' : 'no node answered show_registration' }),
    };
  },
});

const DEVICE_COLUMNS: readonly Column<DrsDevice>[] = [
  { header: 'NAME', value: (d) => d.name },
  { header: 'TYPE', value: (d) => d.type },
  { header: 'HOST', value: (d) => d.host },
  { header: 'PORT', value: (d) => d.port },
  { header: 'PATH', value: (d) => d.path },
  { header: 'USER', value: (d) => d.username },
  { header: 'KEEP', value: (d) => d.backupsToKeep },
  { header: 'SCHEDULES', value: (d) => (d.usedBySchedules.length > 0 ? d.usedBySchedules.join(',') : undefined) },
];

const DEVICE_JSON = `  {name, type, host, port, path, username?, backupsToKeep?, usedBySchedules: [..]}   never a password`;

export const devices = drsVerb<Record<string, never>, DrsDevice>({
  name: 'devices',
  summary: 'the backup devices (SFTP servers) the cluster has (device list)',
  output: true,
  help: `Lists the cluster's backup devices (utils disaster_recovery device list), one row each:
${DEVICE_JSON}
Exit codes: 0 listed (none is an empty list); 1 the publisher could not be reached or DRS refused, with DRS's
words on stderr; 2 bad usage.`,
  run: async (_ctx, { ops }) => ({ rows: await ops.devices(), columns: DEVICE_COLUMNS }),
});

interface DeviceAddOptions {
  name: string;
  host: string;
  port?: number;
  path: string;
  user: string;
  keep?: number;
}

export const deviceAdd = drsVerb<DeviceAddOptions, DrsDevice>({
  name: 'device-add',
  summary: 'adds a network (SFTP) backup device, or edits the one of that name; prints the devices after it',
  output: true,
  secrets: [{ name: 'password', what: "the SFTP password of the device's user" }],
  options: (cmd) => {
    cmd
      .addOption(new Option('--name <NAME>', 'device name: letters, digits, spaces, dashes and underscores (guide L10085); an existing name is edited').makeOptionMandatory())
      .addOption(new Option('--host <HOST>', 'the SFTP server (host name or IP address)').makeOptionMandatory())
      .addOption(new Option('--port <PORT>', 'its SSH port (our extension: the guide has none)').argParser(integerArg(1, 65535, '--port needs 1-65535')).default(22))
      .addOption(new Option('--path <PATH>', 'the folder on the server the backups go to').makeOptionMandatory())
      .addOption(new Option('--user <USER>', 'the SFTP user').makeOptionMandatory())
      .addOption(new Option('--keep <N>', `number of backups to keep on the device (1-${DRS_MAX_BACKUPS_TO_KEEP})`).argParser(integerArg(1, DRS_MAX_BACKUPS_TO_KEEP, `--keep needs 1-${DRS_MAX_BACKUPS_TO_KEEP}`)).default(2));
  },
  help: `Adds the device on the cluster (utils disaster_recovery device add network <name> <path> <host[:port]>
<user> <keep>, the password given at DRS's prompt), or edits it when the name exists. DRS checks it can reach
the server. The password goes to the cluster only: never stored by this tool, never printed.
At most ${DRS_MAX_DEVICES} devices (guide L10060). Prints the devices after the change:
${DEVICE_JSON}
Exit codes: 0 saved; 1 DRS refused (a bad name, too many devices, an unreachable server: DRS's words on stderr) or
the publisher could not be reached; 2 bad usage (a missing option, a bad port).`,
  run: async (ctx, { ops, cluster }) => {
    const o = ctx.options;
    const password = await ctx.secret('password');
    ctx.log(`saving device ${o.name} (${o.user}@${o.host}:${o.port ?? 22}${o.path}) on cluster ${cluster.id}…`);
    const list = await ops.saveDevice({ cluster: cluster.id, name: o.name, host: o.host, port: o.port ?? 22, path: o.path, username: o.user, password, backupsToKeep: o.keep ?? 2 });
    return { rows: list, columns: DEVICE_COLUMNS };
  },
});

export const deviceDelete = drsVerb<{ name: string }, DrsDevice>({
  name: 'device-delete',
  summary: 'deletes a backup device (refused while a schedule uses it); prints the devices after it',
  output: true,
  options: (cmd) => {
    cmd.addOption(new Option('--name <NAME>', 'the device to delete').makeOptionMandatory());
  },
  help: `Deletes the device on the cluster (utils disaster_recovery device delete <name>). DRS refuses while a
schedule uses it (guide L10081). The backups on the server stay. Prints the devices after the change:
${DEVICE_JSON}
Exit codes: 0 deleted; 1 DRS refused (no such device, used by a schedule: DRS's words on stderr) or the publisher
could not be reached; 2 bad usage.`,
  impact: (ctx) => `Deleting backup device ${ctx.options.name} from the cluster's DRS: the backup files already on it stay there, but no backup or restore can use it until it is added again.`,
  run: async (ctx, { ops }) => {
    ctx.log(`deleting device ${ctx.options.name}…`);
    return { rows: await ops.deleteDevice(ctx.options.name), columns: DEVICE_COLUMNS };
  },
});
