import { fail, usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';
import { ssh2SftpUpload, type SftpTarget, type UploadFile } from '../sftpUpload.js';
import { selectActivelog, selectionFiles } from './activelogPaths.js';

const SYNTAX = 'file get activelog <file-spec> [reltime <months|weeks|days|hours|minutes> <value>] [recurs]';
const UNITS: Readonly<Record<string, number>> = { months: 30 * 86_400_000, weeks: 7 * 86_400_000, days: 86_400_000, hours: 3_600_000, minutes: 60_000 };

async function ask(ctx: CommandContext, question: string): Promise<string | undefined> {
  const a = await ctx.io.readLine(question);
  return a === null ? undefined : a.trim();
}

/**
 * `file get activelog`: gathers the files, asks to proceed, then asks for the SFTP server, port, user, password
 * and directory and pushes the files there over SFTP (serviceability-reference.md D.6 [I]: the real command
 * pushes to an SFTP server, it does not stream over the SSH session). Files land in
 * `<directory>/<node>/active/<path>` (ours).
 */
async function fileGet(ctx: CommandContext, args: string[]): Promise<void> {
  if (args.length === 0) return usage(ctx, SYNTAX);
  const [path, ...opts] = args as [string, ...string[]];
  let sinceMs = Number.NEGATIVE_INFINITY;
  let recurse = false;
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i]!.toLowerCase();
    if (o === 'recurs') recurse = true;
    else if (o === 'reltime' && UNITS[opts[i + 1]?.toLowerCase() ?? ''] && /^\d+$/.test(opts[i + 2] ?? '')) {
      sinceMs = ctx.model.now() - UNITS[opts[i + 1]!.toLowerCase()]! * Number(opts[i + 2]);
      i += 2;
    } else return usage(ctx, SYNTAX);
  }
  ctx.io.write('Please wait while the system is gathering files info ...');
  const sel = selectActivelog(ctx.node.logs, path);
  const files = sel ? selectionFiles(ctx.node.logs, sel, recurse).filter((f) => f.mtimeMs >= sinceMs) : [];
  ctx.io.write('done.\n');
  if (files.length === 0) return fail(ctx, `No files matched the file spec activelog/${path.replace(/^\/+/, '')}`);
  if (!recurse && sel && sel.entries.some((e) => e.kind === 'directory')) ctx.io.write('Sub-directories were not traversed.\n');
  const total = files.reduce((s, f) => s + f.size, 0);
  ctx.io.write(`Number of files affected: ${files.length}\nTotal size in Bytes: ${total}\nTotal size in Kbytes: ${(total / 1024).toFixed(2)}\n`);
  const go = await ask(ctx, 'Would you like to proceed [y/n]? ');
  if (!go || !/^y(es)?$/i.test(go)) return void ctx.io.write('Operation cancelled\n');
  ctx.io.write('Files are transferred to a remote server over SFTP.\n');
  const host = await ask(ctx, 'SFTP server IP: ');
  const portText = await ask(ctx, 'SFTP server port [22]: ');
  const username = await ask(ctx, 'User ID: ');
  const password = await ask(ctx, 'Password: ');
  const directory = await ask(ctx, 'Download directory: ');
  if (!host || portText === undefined || !username || password === undefined || !directory) return fail(ctx, 'Transfer cancelled: incomplete SFTP server details');
  const port = portText === '' ? 22 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail(ctx, `Invalid port: ${portText}`);
  const target: SftpTarget = { host, port, username, password, directory };
  const uploads: UploadFile[] = files.map((f) => ({ remotePath: `${ctx.node.name}/active${f.path}`, data: ctx.node.logs.read(f.path) ?? Buffer.alloc(0) }));
  ctx.io.write(`Transferring ${files.length} file(s) to ${host}:${port} over SFTP...\n`);
  try {
    await (ctx.hooks.sftpUpload ?? ssh2SftpUpload)(target, uploads);
  } catch (err) {
    return fail(ctx, `Could not transfer the files to the SFTP server ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The node's own count of log bytes served (NodeLogTree.served): each pushed file, whole.
  for (const u of uploads) ctx.node.logs.served.record(u.remotePath.slice(`${ctx.node.name}/active`.length), 'cli', 0, u.data.length, u.data.length);
  ctx.io.write(`Transfer completed: ${files.length} file(s) to ${directory.replace(/\/+$/, '')}/${ctx.node.name}/active on ${host}\n`);
}

/** `file get activelog`. */
export const fileGetCommands: readonly CommandSpec[] = [{ words: ['file', 'get', 'activelog'], syntax: SYNTAX, run: fileGet }];
