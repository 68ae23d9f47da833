/**
 * The Disaster Recovery System through the admin CLI of the CUCM publisher, where the Master Agent works (guide
 * L10321-10323; commands of Table 41, L10664-10700; syntax of serviceability-reference.md D.7 [V]; the dialogues
 * marked [designed] in drs-design.md "CLI dialogue"). One SshCliSession with the pinned host key, as polling uses.
 * A DRS refusal is an AppError with DRS's own words (parsers/drsText.ts classifies it); a transport failure is the
 * session's PollError; text that cannot be read is a PollError POLL_PARSE. Passwords go to the node only as answers
 * to its questions: never in a command line, a message or a returned transcript.
 */
import type {
  DrsBackupFile,
  DrsDevice,
  DrsDeviceInput,
  DrsEstimate,
  DrsFeatureRegistration,
  DrsHistoryEntry,
  DrsOneStepState,
  DrsOperation,
  DrsRestoreCheckItem,
  DrsSchedule,
  DrsScheduleInput,
  DrsStatus,
} from '../../../../shared/model/drs.js';
import { AppError } from '../../base/errors.js';
import { PollError } from '../pollError.js';
import { hasCliControlChars, quoteCliArg as arg } from './cliLogCommands.js';
import { parseDrsAck, parseEstimate, parsePrepareRestore, parsePrepareStatus, parseRestoreDialogue } from './parsers/drsDialogue.js';
import {
  parseBackupFiles,
  parseBackupInfo,
  parseDeviceList,
  parseDeviceListDetail,
  parseDrsHistory,
  parseDrsStatus,
  parseRegistration,
  parseScheduleList,
  parseScheduleListDetail,
} from './parsers/drsOutput.js';
import { drsLines, formatDrsDateTime, isUsageError, type DrsCliResult } from './parsers/drsText.js';
import type { CliAnswer, CliRunOptions, SshCliSession } from './sshCliSession.js';

export type { DrsCliResult } from './parsers/drsText.js';

/** What DrsCli needs of a CLI session. */
export type DrsCliSession = Pick<SshCliSession, 'run' | 'target'>;

/** A restore as `restore network` takes it (drs-design.md 6). */
export interface DrsCliRestore {
  readonly servers: readonly string[];
  readonly fileName: string;
  readonly device: string;
  readonly features: readonly string[];
  readonly securityPassword: string;
  /** "Select Server Name": the subscriber to restore the publisher database from (guide L10410). */
  readonly databaseFrom?: string;
  readonly integrityCheck: boolean;
  /** False: DRS checks, then the monitor answers "n" (the Restore Wizard's pre-check). */
  readonly start: boolean;
}

/** What the restore dialogue gave. */
export interface DrsCliRestoreResult {
  readonly checks: DrsRestoreCheckItem[];
  readonly started: boolean;
  /** DRS's answer, verbatim except the echoed password answers. */
  readonly transcript: string;
}

const DRS = 'utils disaster_recovery';
/** Reading a backup from the device (restore checks, SHA-1) takes longer than a listing. */
const RESTORE_TIMEOUT_MS = 5 * 60_000;
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function invalid(message: string): DrsCliResult<never> {
  return { ok: false, error: new AppError('VALIDATION', message) };
}

/** A CLI word that must not be empty or hold a line break / control character. */
function badWord(name: string, value: string): string | undefined {
  if (value.trim() === '') return `the ${name} is empty`;
  if (hasCliControlChars(value)) return `the ${name} holds a line break or control character`;
  return undefined;
}

/**
 * A password answer: one line of printable characters. It is typed into the interactive CLI: a Ctrl-C (U+0003)
 * would interrupt the dialogue and what follows it would run at the prompt as a command; a tab asks for completion.
 */
function badSecret(name: string, value: string): string | undefined {
  return hasCliControlChars(value) ? `the ${name} holds a line break or control character` : undefined;
}

/** A feature list as one CLI word ("IM&P,UCM"): names as the cluster registers them, no spaces or commas in one. */
function featureWord(features: readonly string[]): string | undefined {
  if (features.length === 0 || features.some((f) => !/^[A-Za-z0-9_&.+-]+$/.test(f))) return undefined;
  return features.join(',');
}

/**
 * Removes what was typed after the password questions (the node may echo it) and, as a second line of defence,
 * any occurrence of the passwords themselves.
 */
export function redactAnswers(text: string, secrets: readonly string[]): string {
  let out = drsLines(text)
    .map((l) => l.replace(/^(\s*(?:Please enter|Please re-enter|Re-enter)[^\n]*?password[^\n]*?:)(?:\s.*)?$/i, (_m, q: string) => `${q} `))
    .join('\n');
  for (const s of secrets) if (s.length >= 3) out = out.replaceAll(s, '***');
  return out;
}

/** The DRS commands of one CUCM publisher. */
export class DrsCli {
  readonly #timeoutMs: number | undefined;

  constructor(
    private readonly session: DrsCliSession,
    opts: { commandTimeoutMs?: number } = {},
  ) {
    this.#timeoutMs = opts.commandTimeoutMs;
  }

  /** Runs `utils disaster_recovery <words>` and parses its answer; transport failures pass through. */
  async #run<T>(words: string, parse: (text: string) => DrsCliResult<T>, o: { answers?: readonly CliAnswer[]; timeoutMs?: number; secrets?: readonly string[]; run?: CliRunOptions } = {}): Promise<DrsCliResult<T>> {
    const command = `${DRS} ${words}`;
    if (hasCliControlChars(command)) return invalid(`refused to send a DRS command holding a line break or control character`);
    const r = await this.session.run(command, o.timeoutMs ?? this.#timeoutMs, o.answers ?? [], o.run ?? {});
    if (!r.ok) return r;
    const parsed = parse(redactAnswers(r.output, o.secrets ?? []));
    if (parsed.ok || parsed.error.code !== 'POLL_PARSE') return parsed;
    const node = this.session.target.node;
    return { ok: false, error: new PollError('POLL_PARSE', 'ssh', node, `${node}: ${command}: ${parsed.error.message}`) };
  }

  /** `show_registration <hostname>`: the features and components a node registered. */
  registration(hostname: string): Promise<DrsCliResult<DrsFeatureRegistration[]>> {
    const bad = badWord('host name', hostname);
    return bad ? Promise.resolve(invalid(bad)) : this.#run(`show_registration ${arg(hostname)}`, parseRegistration);
  }

  /** `device list detail` [designed]; a node that does not know it (usage error) answers `device list`. */
  devices(): Promise<DrsCliResult<DrsDevice[]>> {
    return this.#detailOrPlain('device list', parseDeviceListDetail, parseDeviceList);
  }

  /** `<list> detail` [designed]; the plain `<list>` when the node answers the detail with a usage error (real clusters). */
  async #detailOrPlain<T>(list: string, parseDetail: (text: string) => DrsCliResult<T>, parsePlain: (text: string) => DrsCliResult<T>): Promise<DrsCliResult<T>> {
    let usage = false;
    const detail = await this.#run(`${list} detail`, (t) => {
      usage = isUsageError(t);
      return parseDetail(t);
    });
    return usage ? this.#run(list, parsePlain) : detail;
  }

  /**
   * `device add network <name> <path> <server[:port]> <username> [N]` (reference D.7; port: our extension); the
   * password answers the node's question. An existing name is edited ("Device updated successfully." [designed]).
   */
  addDevice(d: Omit<DrsDeviceInput, 'cluster'>): Promise<DrsCliResult<string>> {
    const bad = badWord('device name', d.name) ?? badWord('path', d.path) ?? badWord('server', d.host) ?? badWord('user name', d.username) ?? badSecret('password', d.password);
    if (bad) return Promise.resolve(invalid(bad));
    if (d.password === '') return Promise.resolve(invalid('the device password is empty'));
    if (d.port !== undefined && !(Number.isInteger(d.port) && d.port >= 1 && d.port <= 65535)) return Promise.resolve(invalid(`invalid SFTP port ${d.port}`));
    if (d.backupsToKeep !== undefined && !(Number.isInteger(d.backupsToKeep) && d.backupsToKeep >= 1)) return Promise.resolve(invalid(`invalid number of backups ${d.backupsToKeep}`));
    const server = d.port === undefined || d.port === 22 ? d.host : `${d.host}:${d.port}`;
    const keep = d.backupsToKeep === undefined ? '' : ` ${d.backupsToKeep}`;
    return this.#run(`device add network ${arg(d.name)} ${arg(d.path)} ${arg(server)} ${arg(d.username)}${keep}`, (t) => parseDrsAck(t, /^Device (added|updated) successfully/i, 'device add'), {
      answers: [{ when: /password to connect to network server[^\n]*:\s*$/i, reply: d.password }],
      secrets: [d.password],
    });
  }

  /** `device delete <name>` (refused while a schedule uses it, guide L10081). */
  deleteDevice(name: string): Promise<DrsCliResult<string>> {
    const bad = badWord('device name', name);
    return bad ? Promise.resolve(invalid(bad)) : this.#run(`device delete ${arg(name)}`, (t) => parseDrsAck(t, /^Device deleted successfully/i, 'device delete'));
  }

  /** `schedule list detail` [designed]; a node that does not know it answers `schedule list` ([V] D.7). */
  schedules(): Promise<DrsCliResult<DrsSchedule[]>> {
    return this.#detailOrPlain('schedule list', parseScheduleListDetail, parseScheduleList);
  }

  /** `schedule add <name> <device> <features> <yyyy/mm/dd-hh:mm> <frequency> [days]` (days [designed]: weekly). */
  addSchedule(s: Omit<DrsScheduleInput, 'cluster' | 'enabled' | 'replace'>): Promise<DrsCliResult<string>> {
    const bad = badWord('schedule name', s.name) ?? badWord('device name', s.device);
    if (bad) return Promise.resolve(invalid(bad));
    const features = featureWord(s.features);
    if (!features) return Promise.resolve(invalid('select at least one feature, each a registered feature name'));
    if (!Number.isFinite(s.startMs)) return Promise.resolve(invalid('invalid start time'));
    const days = s.frequency === 'weekly' && s.weekdays && s.weekdays.length > 0 ? s.weekdays : undefined;
    if (days?.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) return Promise.resolve(invalid('invalid weekday (0 = Sunday … 6 = Saturday)'));
    const dayWord = days ? ` ${[...new Set(days)].sort().map((d) => WEEKDAY_NAMES[d]).join(',')}` : '';
    return this.#run(`schedule add ${arg(s.name)} ${arg(s.device)} ${arg(features)} ${formatDrsDateTime(s.startMs)} ${s.frequency}${dayWord}`, (t) => parseDrsAck(t, /^Schedule (added|updated) successfully/i, 'schedule add'));
  }

  /** `schedule enable|disable <name>` ([V] D.7). */
  setScheduleEnabled(name: string, enabled: boolean): Promise<DrsCliResult<string>> {
    const bad = badWord('schedule name', name);
    const verb = enabled ? 'enable' : 'disable';
    return bad ? Promise.resolve(invalid(bad)) : this.#run(`schedule ${verb} ${arg(name)}`, (t) => parseDrsAck(t, new RegExp(`^Schedule ${verb}d successfully`, 'i'), `schedule ${verb}`));
  }

  /** `schedule delete <name>`. */
  deleteSchedule(name: string): Promise<DrsCliResult<string>> {
    const bad = badWord('schedule name', name);
    return bad ? Promise.resolve(invalid(bad)) : this.#run(`schedule delete ${arg(name)}`, (t) => parseDrsAck(t, /^Schedule deleted successfully/i, 'schedule delete'));
  }

  /** `estimate_tar_size <features>` (refused as data before any backup, guide L10103-10107). */
  estimate(features: readonly string[]): Promise<DrsCliResult<DrsEstimate>> {
    const word = featureWord(features);
    return word ? this.#run(`estimate_tar_size ${arg(word)}`, parseEstimate) : Promise.resolve(invalid('select at least one feature, each a registered feature name'));
  }

  /** `backup network <features> <device>` ([V] D.7): the "Backup initiated successfully." line. */
  backup(device: string, features: readonly string[]): Promise<DrsCliResult<string>> {
    const word = featureWord(features);
    const bad = badWord('device name', device) ?? (word ? undefined : 'select at least one feature, each a registered feature name');
    return bad ? Promise.resolve(invalid(bad)) : this.#run(`backup network ${arg(word!)} ${arg(device)}`, (t) => parseDrsAck(t, /^Backup initiated successfully/i, 'backup'));
  }

  /** `cancel_backup`, answering its question yes (takes effect after the current component, guide L10227). */
  cancelBackup(): Promise<DrsCliResult<string>> {
    return this.#run('cancel_backup', (t) => parseDrsAck(t, /^Backup cancellation requested/i, 'cancel_backup'), {
      answers: [{ when: /cancel the backup\?[^\n]*:?\s*$/i, reply: 'y' }],
    });
  }

  /** `status backup|restore`: undefined when DRS has no status of that operation. */
  status(op: DrsOperation): Promise<DrsCliResult<DrsStatus | undefined>> {
    return this.#run(`status ${op}`, (t) => parseDrsStatus(t, op));
  }

  /** `history backup|restore` (the last 20, oldest first as DRS prints them). */
  history(op: DrsOperation): Promise<DrsCliResult<DrsHistoryEntry[]>> {
    return this.#run(`history ${op}`, (t) => parseDrsHistory(t, op));
  }

  /** `show_backupfiles <device>`: file names with ".tar". */
  backupFiles(device: string): Promise<DrsCliResult<string[]>> {
    const bad = badWord('device name', device);
    return bad ? Promise.resolve(invalid(bad)) : this.#run(`show_backupfiles ${arg(device)}`, parseBackupFiles);
  }

  /** `show_backupinfo <device> <tarfilename>` [designed]: what a backup's descriptor says. */
  backupInfo(device: string, fileName: string): Promise<DrsCliResult<DrsBackupFile>> {
    const bad = badWord('device name', device) ?? badWord('backup file name', fileName);
    return bad ? Promise.resolve(invalid(bad)) : this.#run(`show_backupinfo ${arg(device)} ${arg(fileName)}`, parseBackupInfo, { timeoutMs: RESTORE_TIMEOUT_MS });
  }

  /**
   * `restore network <server[,server…]> <tarfilename> <devicename>` and its dialogue [designed] (drs-design.md 6):
   * features, the security password in effect when the backup was taken, the CCMDB source (asked only sometimes),
   * the SHA-1 check, then "start now?" answered as `start` says. A FAILED check is data (started false).
   */
  async restore(r: DrsCliRestore): Promise<DrsCliResult<DrsCliRestoreResult>> {
    const features = featureWord(r.features);
    const bad = r.servers.map((s) => badWord('server', s)).find(Boolean) ?? (r.servers.length === 0 ? 'select at least one server' : undefined)
      ?? (r.servers.some((s) => s.includes(',')) ? 'a server name holds a comma' : undefined)
      ?? badWord('backup file name', r.fileName) ?? badWord('device name', r.device) ?? (features ? undefined : 'select at least one feature, each a registered feature name')
      ?? badSecret('security password', r.securityPassword) ?? (r.databaseFrom === undefined ? undefined : badWord('database source node', r.databaseFrom));
    if (bad) return invalid(bad);
    const answers: CliAnswer[] = [
      { when: /features you wish to restore/i, reply: features! },
      // A pre-check (start false) relies on the designed dialogue: a publisher that never asks the security password
      // (a real UC OS restore asks only features and SHA-1, reference D.7) would START the restore once SHA-1 is
      // answered. So for a check the password question is required before the SHA-1 one: such a node is left at
      // its SHA-1 question unanswered, the command times out and the session is dropped — nothing starts.
      { when: /cluster security password[^\n]*:\s*$/i, reply: r.securityPassword, optional: r.start },
      { when: /contains the CCMDB database[^\n]*:\s*$/i, reply: r.databaseFrom ?? '', optional: true },
      { when: /SHA1 file integrity check\?[^\n]*:\s*$/i, reply: r.integrityCheck ? 'y' : 'n' },
      { when: /start the restore now\?[^\n]*:\s*$/i, reply: r.start ? 'y' : 'n' },
    ];
    let transcript = '';
    const result = await this.#run(`restore network ${arg(r.servers.join(','))} ${arg(r.fileName)} ${arg(r.device)}`, (t) => {
      transcript = t;
      return parseRestoreDialogue(t);
    }, {
      answers,
      secrets: [r.securityPassword],
      timeoutMs: Math.max(RESTORE_TIMEOUT_MS, this.#timeoutMs ?? 0),
    });
    return result.ok ? { ok: true, value: { ...result.value, transcript: transcript.trim() } } : result;
  }

  /**
   * `prepare restore pub_from_sub [device file]` (One-Step Restore, guide L10484-10494): the guide's message; while
   * it prepares, `prepare status` [designed] adds when the five minutes end (a node without it: the message alone).
   */
  async prepareOneStep(backup?: { device: string; fileName: string }): Promise<DrsCliResult<DrsOneStepState>> {
    const bad = backup ? badWord('device name', backup.device) ?? badWord('backup file name', backup.fileName) : undefined;
    if (bad) return invalid(bad);
    const started = await this.#run(`prepare restore pub_from_sub${backup ? ` ${arg(backup.device)} ${arg(backup.fileName)}` : ''}`, parsePrepareRestore, { timeoutMs: RESTORE_TIMEOUT_MS });
    if (!started.ok || started.value.state !== 'preparing') return started;
    const state = await this.oneStepState();
    return state.ok && state.value.state === 'preparing' ? state : started;
  }

  /** `prepare status` [designed]: idle, preparing (with when it is ready), ready or failed. */
  oneStepState(): Promise<DrsCliResult<DrsOneStepState>> {
    return this.#run('prepare status', parsePrepareStatus);
  }

  /** `jschLogs operation enable|disable`. */
  setJschLogs(enabled: boolean): Promise<DrsCliResult<string>> {
    const verb = enabled ? 'enable' : 'disable';
    return this.#run(`jschLogs operation ${verb}`, (t) => parseDrsAck(t, new RegExp(`^JSch logging ${verb}d successfully`, 'i'), 'jschLogs'));
  }
}

/**
 * `utils system restart` on the session's node (UC OS; dialogue designed, drs-design.md 9): answers yes; the node
 * saying "Appliance is being Restarted ..." and closing the session is the success. The session is unusable after.
 */
export async function restartSystem(session: DrsCliSession): Promise<DrsCliResult<string>> {
  const node = session.target.node;
  const r = await session.run('utils system restart', session.target.commandTimeoutMs, [{ when: /Enter \(yes\/no\)\?\s*$/i, reply: 'yes' }], { closeEndsCommand: true });
  if (!r.ok) return r;
  const ack = parseDrsAck(r.output, /^Appliance is being Restarted/i, 'utils system restart');
  if (ack.ok || ack.error.code !== 'POLL_PARSE') return ack;
  return { ok: false, error: new PollError('POLL_PARSE', 'ssh', node, `${node}: utils system restart: ${ack.error.message}`) };
}

/**
 * `set password user security` (UC OS; dialogue designed, drs-design.md 8): changes the cluster security password
 * that later backups are encrypted with (guide L10042, L10130, L10256). Not in the design's interface: HL's
 * `security-…` verbs and HD need it. The passwords are answers only, never echoed back in a message.
 */
export async function setSecurityPassword(session: DrsCliSession, oldPassword: string, newPassword: string): Promise<DrsCliResult<string>> {
  const bad = badSecret('old password', oldPassword) ?? badSecret('new password', newPassword) ?? (newPassword === '' ? 'the new password is empty' : undefined);
  if (bad) return invalid(bad);
  const node = session.target.node;
  const r = await session.run('set password user security', session.target.commandTimeoutMs, [
    { when: /enter the old password:\s*$/i, reply: oldPassword },
    { when: /enter the new password:\s*$/i, reply: newPassword },
    { when: /Re-enter new password to confirm:\s*$/i, reply: newPassword },
  ]);
  if (!r.ok) return r;
  const ack = parseDrsAck(redactAnswers(r.output, [oldPassword, newPassword]), /^Password updated successfully/i, 'set password user security');
  if (ack.ok || ack.error.code !== 'POLL_PARSE') return ack;
  return { ok: false, error: new PollError('POLL_PARSE', 'ssh', node, `${node}: set password user security: ${ack.error.message}`) };
}
