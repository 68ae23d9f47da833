import { parseCounterPath, parseLocalCounterPath, type CounterPath } from '../../../../../shared/model/counterPath.js';
import type { PerfObjectDefinition } from '../../model/counters/counterCatalog.js';
import { fail, usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';
import { categoryOf, perfValue, perfView, splitClassAndRest, type PerfView } from './perfLookup.js';

const SYNTAX = {
  counter: 'show perf query counter <class-name> <counter-name>',
  cls: 'show perf query class <class-name>',
  instance: 'show perf query instance <class-name> <instance-name>',
  path: 'show perf query path <path-spec>',
  counterhelp: 'show perf counterhelp <class-name> <counter-name>',
};

function noClass(ctx: CommandContext, name: string): void {
  fail(ctx, `Perf class ${name} does not exist`);
}

/**
 * `show perf query counter`: " - Perf class X(Counter) has values:" then "-> Counter = v" (reference D.5,
 * TAC-CUIC real output), one line per instance for multi-instance classes.
 */
export function queryCounterText(view: PerfView, obj: PerfObjectDefinition, counter: string, instance?: string): string {
  const rows = view.samples.filter((s) => s.object === obj.name && s.counter === counter && (instance === undefined || s.instance === instance));
  const lines = rows.map((s) => (obj.multiInstance ? `     ${s.instance} -> ${counter} = ${perfValue(s.value)}` : `     -> ${counter} = ${perfValue(s.value)}`));
  return ['', ` - Perf class ${obj.name}(${counter}) has values:`, ...lines, ''].join('\n');
}

/** `show perf query class` / `instance`: every counter of the class (or of one instance), aligned. */
export function queryClassText(view: PerfView, obj: PerfObjectDefinition, title: string, instance?: string): string {
  const rows = view.samples.filter((s) => s.object === obj.name && (instance === undefined || s.instance === instance));
  const lines = rows.map((s) => `    ${(obj.multiInstance ? s.instance : '').padEnd(17)}-> ${s.counter.padEnd(31)}= ${perfValue(s.value)}`);
  return [`==>query ${title} :`, '', `- Perf class (${obj.name}) has ${obj.multiInstance ? 'instances and values' : 'values'}:`, ...lines, ''].join('\n');
}

function instancesOf(view: PerfView, obj: PerfObjectDefinition): string[] {
  return [...new Set(view.samples.filter((s) => s.object === obj.name).map((s) => s.instance))];
}

async function queryCounter(ctx: CommandContext, args: string[]): Promise<void> {
  const view = perfView(ctx);
  if (args.length < 2) return usage(ctx, SYNTAX.counter);
  const split = splitClassAndRest(view, args);
  if (!split) return noClass(ctx, args.slice(0, -1).join(' '));
  const counter = view.findCounter(split.obj, split.rest.join(' '));
  if (!counter) return fail(ctx, `Counter ${split.rest.join(' ')} does not exist in perf class ${split.obj.name}`);
  await ctx.output(queryCounterText(view, split.obj, counter.name));
}

async function queryClass(ctx: CommandContext, args: string[]): Promise<void> {
  const view = perfView(ctx);
  if (args.length === 0) return usage(ctx, SYNTAX.cls);
  const names = args.join(' ').split(',').map((n) => n.trim()).filter(Boolean);
  const objs = names.map((n) => view.findClass(n));
  const missing = names.find((_, i) => !objs[i]);
  if (missing !== undefined) return noClass(ctx, missing);
  await ctx.output(objs.map((o) => queryClassText(view, o!, 'class')).join('\n'));
}

async function queryInstance(ctx: CommandContext, args: string[]): Promise<void> {
  const view = perfView(ctx);
  if (args.length < 2) return usage(ctx, SYNTAX.instance);
  const split = splitClassAndRest(view, args);
  if (!split) return noClass(ctx, args.slice(0, -1).join(' '));
  const wanted = split.rest.join(' ');
  const inst = instancesOf(view, split.obj).find((i) => i.toLowerCase() === wanted.toLowerCase());
  if (inst === undefined || !split.obj.multiInstance) return fail(ctx, `Instance ${wanted} does not exist in perf class ${split.obj.name}`);
  await ctx.output(queryClassText(view, split.obj, 'instance', inst));
}

/**
 * Parses a path spec of `show perf query path`: `Object(instance)\Counter`, with or without a leading `\` or
 * `\\host\` (reference B.1 form); the instance is '' for a single-instance class. Counter paths are parsed in
 * one place (shared/model/counterPath.ts).
 */
export function parsePathSpec(spec: string): Omit<CounterPath, 'host'> | undefined {
  const text = spec.trim();
  return text.startsWith('\\\\') ? parseCounterPath(text) : parseLocalCounterPath(text);
}

async function queryPath(ctx: CommandContext, args: string[]): Promise<void> {
  if (args.length === 0) return usage(ctx, SYNTAX.path);
  const view = perfView(ctx);
  const paths = args.join(' ').split(',').map((p) => p.trim()).filter(Boolean);
  const parts: string[] = [];
  for (const path of paths) {
    const parsed = parsePathSpec(path);
    if (!parsed) return fail(ctx, `Invalid path specification: ${path}`);
    const obj = view.findClass(parsed.object);
    if (!obj) return noClass(ctx, parsed.object);
    const counter = view.findCounter(obj, parsed.counter);
    if (!counter) return fail(ctx, `Counter ${parsed.counter} does not exist in perf class ${obj.name}`);
    const inst = parsed.instance === '' ? undefined : instancesOf(view, obj).find((i) => i.toLowerCase() === parsed.instance.toLowerCase());
    if (parsed.instance !== '' && inst === undefined) return fail(ctx, `Instance ${parsed.instance} does not exist in perf class ${obj.name}`);
    parts.push(queryCounterText(view, obj, counter.name, inst));
  }
  await ctx.output(`==>query path :\n${parts.join('')}`);
}

async function list(ctx: CommandContext, what: 'classes' | 'counters' | 'instances' | 'categories', args: string[]): Promise<void> {
  const view = perfView(ctx);
  const detail = args[args.length - 1]?.toLowerCase() === 'detail';
  const rest = detail ? args.slice(0, -1) : args;
  if (what === 'categories') {
    const cats = [...new Set(view.objects.map(categoryOf))];
    return ctx.output(['==>list categories :', ...cats.map((c) => `   Cat: ${c}`), ''].join('\n'));
  }
  if (what === 'classes') {
    const lines = view.objects.map((o) => `   Class: ${o.name}${detail ? ` (${o.multiInstance ? 'multiple instances' : 'single instance'}, category ${categoryOf(o)})` : ''}`);
    return ctx.output(['==>list classes :', ...lines, ''].join('\n'));
  }
  if (rest.length === 0) return usage(ctx, `show perf list ${what} <class-name> [detail]`);
  const obj = view.findClass(rest.join(' '));
  if (!obj) return noClass(ctx, rest.join(' '));
  if (what === 'counters') {
    const lines = obj.counters.map((c) => `   Counter: ${c.name}${detail ? ` - ${c.description}` : ''}`);
    return ctx.output([`==>list counters of class ${obj.name} :`, ...lines, ''].join('\n'));
  }
  const insts = obj.multiInstance ? instancesOf(view, obj) : [];
  const lines = insts.length > 0 ? insts.map((i) => `   Instance: ${i}`) : ['   (single instance class, no instances)'];
  return ctx.output([`==>list instances of class ${obj.name} :`, ...lines, ''].join('\n'));
}

async function counterhelp(ctx: CommandContext, args: string[]): Promise<void> {
  const view = perfView(ctx);
  if (args.length < 2) return usage(ctx, SYNTAX.counterhelp);
  const split = splitClassAndRest(view, args);
  if (!split) return noClass(ctx, args.slice(0, -1).join(' '));
  const counter = view.findCounter(split.obj, split.rest.join(' '));
  if (!counter) return fail(ctx, `Counter ${split.rest.join(' ')} does not exist in perf class ${split.obj.name}`);
  await ctx.output(`Help text of Counter(${counter.name}) in Class(${split.obj.name}):\n${counter.description}\n`);
}

/** `show perf query|list|counterhelp` (serviceability-reference.md D.5) over the node's perfmon counters. */
export const showPerfCommands: readonly CommandSpec[] = [
  { words: ['show', 'perf', 'query', 'counter'], syntax: SYNTAX.counter, run: queryCounter },
  { words: ['show', 'perf', 'query', 'class'], syntax: SYNTAX.cls, run: queryClass },
  { words: ['show', 'perf', 'query', 'instance'], syntax: SYNTAX.instance, run: queryInstance },
  { words: ['show', 'perf', 'query', 'path'], syntax: SYNTAX.path, run: queryPath },
  { words: ['show', 'perf', 'list', 'classes'], syntax: 'show perf list classes [detail]', run: (ctx, a) => list(ctx, 'classes', a) },
  { words: ['show', 'perf', 'list', 'counters'], syntax: 'show perf list counters <class-name> [detail]', run: (ctx, a) => list(ctx, 'counters', a) },
  { words: ['show', 'perf', 'list', 'instances'], syntax: 'show perf list instances <class-name> [detail]', run: (ctx, a) => list(ctx, 'instances', a) },
  { words: ['show', 'perf', 'list', 'categories'], syntax: 'show perf list categories', run: (ctx, a) => list(ctx, 'categories', a) },
  { words: ['show', 'perf', 'counterhelp'], syntax: SYNTAX.counterhelp, run: counterhelp },
];
