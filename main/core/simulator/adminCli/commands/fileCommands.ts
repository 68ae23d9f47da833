import { gunzipSync } from 'node:zlib';
import { fail, usage } from '../cliMessages.js';
import { fileListDate } from '../cliTime.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';
import { selectActivelog, selectionFiles, withThousands } from './activelogPaths.js';
import { DEFAULT_PAGE_LINES, pageOutput } from '../pager.js';
import { fileGetCommands } from './fileGet.js';

const LIST_SYNTAX = 'file list activelog <file-spec> [page] [detail] [reverse] [date]';
/** Lines `file tail` shows by default. */
const TAIL_LINES = 10;
/** Virtual milliseconds between checks while `file tail` follows a file. */
const TAIL_POLL_MS = 1000;
/** Root under which `file delete` may remove files (guide L11412-11415: built logs and traces). */
const DELETABLE_ROOT = '/epas/trace/';

function notFound(ctx: CommandContext, path: string): void {
  fail(ctx, `No such file or directory: activelog/${path.replace(/^\/+/, '')}`);
}

function textOf(ctx: CommandContext, path: string): string | undefined {
  const data = ctx.node.logs.read(path);
  if (!data) return undefined;
  return path.endsWith('.gz') ? gunzipSync(data).toString('utf8') : data.toString('utf8');
}

async function fileList(ctx: CommandContext, args: string[]): Promise<void> {
  if (args.length === 0) return usage(ctx, LIST_SYNTAX);
  const [path, ...opts] = args as [string, ...string[]];
  const flags = new Set(opts.map((o) => o.toLowerCase()));
  if ([...flags].some((f) => !['page', 'detail', 'reverse', 'date'].includes(f))) return usage(ctx, LIST_SYNTAX);
  const sel = selectActivelog(ctx.node.logs, path);
  if (!sel) return notFound(ctx, path);
  const entries = [...sel.entries].sort((a, b) => (flags.has('date') ? a.mtimeMs - b.mtimeMs : 0) || a.name.localeCompare(b.name));
  if (flags.has('reverse')) entries.reverse();
  const lines = entries.map((e) => {
    const size = e.kind === 'directory' ? '<dir>' : withThousands(e.size);
    if (flags.has('detail')) return `${fileListDate(e.mtimeMs)}${size.padStart(14)}  ${e.name}`;
    return e.kind === 'directory' ? `<dir>    ${e.name}` : e.name;
  });
  const dirs = entries.filter((e) => e.kind === 'directory').length;
  await ctx.output([...lines, `dir count = ${dirs}, file count = ${entries.length - dirs}`, ''].join('\n'));
}

async function fileView(ctx: CommandContext, args: string[]): Promise<void> {
  if (args.length !== 1) return usage(ctx, 'file view activelog <file-spec>');
  const sel = selectActivelog(ctx.node.logs, args[0]!);
  if (!sel) return notFound(ctx, args[0]!);
  if (!sel.single) return fail(ctx, `${args[0]} is not a single file; use file list activelog to see the files`);
  const entry = sel.entries[0]!;
  if (entry.path.endsWith('.gz')) return fail(ctx, `${entry.name} is a compressed file and cannot be viewed; use file get activelog`);
  const text = ctx.node.logs.read(entry.path)!.toString('utf8');
  const body = text.length === 0 || text.endsWith('\n') ? text : `${text}\n`;
  const { interactive, pagination } = ctx.session;
  await pageOutput(ctx.io, body, { enabled: interactive && pagination, pageLines: ctx.hooks.pageLines ?? DEFAULT_PAGE_LINES, endOfFilePrompt: true });
}

async function fileTail(ctx: CommandContext, args: string[]): Promise<void> {
  const syntax = 'file tail activelog <file-spec> [number of lines] [regexp <expression>]';
  if (args.length === 0) return usage(ctx, syntax);
  const [path, ...rest] = args as [string, ...string[]];
  let lines = TAIL_LINES;
  let filter: RegExp | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.toLowerCase() === 'regexp' && rest[i + 1] !== undefined) {
      try {
        filter = new RegExp(rest[++i]!);
      } catch {
        return fail(ctx, `Invalid regular expression: ${rest[i]}`);
      }
    } else if (/^\d+$/.test(a) && Number(a) > 0) lines = Number(a);
    else return usage(ctx, syntax);
  }
  const sel = selectActivelog(ctx.node.logs, path);
  if (!sel || !sel.single) return sel ? fail(ctx, `${path} is not a single file`) : notFound(ctx, path);
  const file = sel.entries[0]!.path;
  const keep = (l: string): boolean => l.length > 0 && (!filter || filter.test(l));
  const all = (textOf(ctx, file) ?? '').split('\n').filter(keep);
  ctx.io.write(all.slice(-lines).map((l) => `${l}\n`).join(''));
  if (!ctx.session.interactive) return;
  // Follow the file like tail -f until the user presses Enter or Ctrl-C, or the session closes.
  let seen = textOf(ctx, file)?.length ?? 0;
  const timer = ctx.model.scheduler.setInterval(TAIL_POLL_MS, () => {
    const now = textOf(ctx, file) ?? '';
    if (now.length < seen) seen = 0;
    const fresh = now.slice(seen).split('\n').filter(keep);
    seen = now.length;
    if (fresh.length > 0) ctx.io.write(fresh.map((l) => `${l}\n`).join(''));
  });
  const unregister = ctx.onClose(() => timer.dispose());
  try {
    await ctx.io.readLine('');
  } finally {
    timer.dispose();
    unregister();
  }
}

async function fileSearch(ctx: CommandContext, args: string[]): Promise<void> {
  const syntax = 'file search activelog <file-spec> <reg-exp> [ignorecase] [recurs]';
  if (args.length < 2) return usage(ctx, syntax);
  const [path, expr, ...opts] = args as [string, string, ...string[]];
  const flags = new Set(opts.map((o) => o.toLowerCase()));
  if ([...flags].some((f) => f !== 'ignorecase' && f !== 'recurs')) return usage(ctx, syntax);
  let re: RegExp;
  try {
    re = new RegExp(expr, flags.has('ignorecase') ? 'i' : '');
  } catch {
    return fail(ctx, `Invalid regular expression: ${expr}`);
  }
  const sel = selectActivelog(ctx.node.logs, path);
  if (!sel) return notFound(ctx, path);
  const out = [`Searching path: /var/log/active${sel.single ? sel.entries[0]!.path : sel.dir}`];
  for (const f of selectionFiles(ctx.node.logs, sel, flags.has('recurs'))) {
    out.push(`Searching file: /var/log/active${f.path}`);
    for (const line of (textOf(ctx, f.path) ?? '').split('\n')) if (line.length > 0 && re.test(line)) out.push(line);
  }
  out.push('Search completed', '');
  await ctx.output(out.join('\n'));
}

async function fileDelete(ctx: CommandContext, args: string[]): Promise<void> {
  const syntax = 'file delete activelog <file-spec> [detail] [noconfirm]';
  if (args.length === 0) return usage(ctx, syntax);
  const [path, ...opts] = args as [string, ...string[]];
  const flags = new Set(opts.map((o) => o.toLowerCase()));
  if ([...flags].some((f) => f !== 'noconfirm' && f !== 'detail')) return usage(ctx, syntax);
  const sel = selectActivelog(ctx.node.logs, path);
  if (!sel) return notFound(ctx, path);
  const files = sel.entries.filter((e) => e.kind === 'file');
  if (files.length === 0) return fail(ctx, `${path} names no files; directories cannot be deleted`);
  const outside = files.find((f) => !f.path.startsWith(DELETABLE_ROOT));
  if (outside) return fail(ctx, `Deleting files outside activelog epas/trace is not permitted: ${outside.path.slice(1)}`);
  if (!flags.has('noconfirm')) {
    const answer = await ctx.io.readLine(`Delete the File ${path}?\nEnter "y" followed by return to continue: `);
    if (answer === null || !/^y(es)?$/i.test(answer.trim())) return void ctx.io.write('Operation cancelled\n');
  }
  let deleted = 0;
  for (const f of files) {
    if (ctx.node.logs.deleteFile(f.path)) {
      deleted++;
      if (flags.has('detail')) ctx.io.write(`deleting file : ${f.path.slice(1)}\n`);
    } else ctx.io.write(`${f.path.slice(1)} is in use and was not deleted\n`);
  }
  ctx.io.write(`files: found = ${files.length}, deleted = ${deleted}\n`);
}

/** `file list|view|tail|search|delete activelog` over the node's log tree (reference D.6, guide L9627-9634, L11412). */
export const fileCommands: readonly CommandSpec[] = [
  { words: ['file', 'list', 'activelog'], syntax: LIST_SYNTAX, run: fileList },
  { words: ['file', 'view', 'activelog'], syntax: 'file view activelog <file-spec>', run: fileView },
  { words: ['file', 'tail', 'activelog'], syntax: 'file tail activelog <file-spec> [number of lines] [regexp <expression>]', run: fileTail },
  { words: ['file', 'search', 'activelog'], syntax: 'file search activelog <file-spec> <reg-exp> [ignorecase] [recurs]', run: fileSearch },
  { words: ['file', 'delete', 'activelog'], syntax: 'file delete activelog <file-spec> [detail] [noconfirm]', run: fileDelete },
  ...fileGetCommands,
];
