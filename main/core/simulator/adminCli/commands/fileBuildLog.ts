import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { BUILD_LOG_TARGETS } from '../../model/logs/traceCatalog.js';
import type { NodeLogTree } from '../../model/logs/nodeLogTree.js';
import { fail, usage } from '../cliMessages.js';
import { buildLogStamp } from '../cliTime.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

const SYNTAX = 'file build log <log name> <duration in days>';
/** Longest duration accepted (ours). */
const MAX_DAYS = 365;

/** Packs tree files into a gzipped tar; entry names are the tree paths without the leading "/". */
export async function packTraceFiles(tree: NodeLogTree, paths: readonly string[]): Promise<Buffer> {
  const pack = tarPack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const path of paths) {
    const data = tree.read(path) ?? Buffer.alloc(0);
    const st = tree.stat(path);
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: path.replace(/^\/+/, ''), size: data.length, mtime: new Date(st?.mtimeMs ?? 0), mode: 0o644 }, data, (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/**
 * `file build log <target> <days>` (guide Tables 45-46, L11323-11415): packs the trace files of the target's
 * trace sets modified in the last <days> days into `/epas/trace/log_<outName>__YYYY-MM-DD-HHhMMmSSs.tar.gz`
 * (`.gz` for cisco_oam_agent as the guide prints it) in the node's log tree, and says where it went.
 */
export async function buildLog(ctx: Pick<CommandContext, 'model' | 'node' | 'io'>, target: string, days: number): Promise<string | undefined> {
  const def = BUILD_LOG_TARGETS[target.toLowerCase()];
  if (!def) {
    fail(ctx, `Invalid log name: ${target}. Valid names: ${Object.keys(BUILD_LOG_TARGETS).join(', ')}`);
    return undefined;
  }
  const now = ctx.model.now();
  const files = ctx.node.logs.traceFiles(def.sets, now - days * 86_400_000);
  const out = `/epas/trace/log_${def.outName}__${buildLogStamp(now)}${def.ext ?? '.tar.gz'}`;
  ctx.io.write(`Building log ${target.toLowerCase()} for the last ${days} day(s), please wait...\n`);
  const data = await packTraceFiles(ctx.node.logs, files);
  ctx.node.logs.writeFile(out, data, now);
  const rel = out.slice(1);
  const rawBytes = files.reduce((sum, f) => sum + (ctx.node.logs.stat(f)?.size ?? 0), 0);
  ctx.io.write(`Collected ${files.length} trace file(s), ${rawBytes} bytes.\nLog file created: ${rel}\nTo retrieve it: file get activelog ${rel}\nTo delete it afterwards: file delete activelog ${rel}\n`);
  return out;
}

/** `file build log`. */
export const fileBuildLogCommands: readonly CommandSpec[] = [
  {
    words: ['file', 'build', 'log'],
    syntax: SYNTAX,
    run: async (ctx, args) => {
      if (args.length !== 2) return usage(ctx, SYNTAX);
      const days = Number(args[1]);
      if (!/^\d+$/.test(args[1]!) || days < 1 || days > MAX_DAYS) return fail(ctx, `Invalid duration: ${args[1]} (1-${MAX_DAYS} days)`);
      await buildLog(ctx, args[0]!, days);
    },
  },
];
