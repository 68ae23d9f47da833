import { objectsFor, type CounterDefinition, type PerfObjectDefinition } from '../../model/counters/counterCatalog.js';
import type { CounterSample } from '../../model/counters/nodeCounters.js';
import type { CommandContext } from '../commandTypes.js';

/** The perfmon objects a node has, its current samples and name lookups (any case) over them. */
export interface PerfView {
  readonly objects: readonly PerfObjectDefinition[];
  readonly samples: readonly CounterSample[];
  findClass(name: string): PerfObjectDefinition | undefined;
  findCounter(obj: PerfObjectDefinition, name: string): CounterDefinition | undefined;
}

/** Builds the perf view of the context's node at virtual now. */
export function perfView(ctx: Pick<CommandContext, 'model' | 'node'>): PerfView {
  const objects = objectsFor(ctx.node.isCucm ? 'cucm' : 'imp');
  const samples = ctx.model.counters(ctx.node.name);
  const squash = (s: string): string => s.replace(/\s+/g, '').toLowerCase();
  return {
    objects,
    samples,
    findClass: (name) => objects.find((o) => o.name.toLowerCase() === name.trim().toLowerCase()),
    // "Active JsmSessions" as the guide prints it (L1445) still finds ActiveJsmSessions.
    findCounter: (obj, name) => obj.counters.find((c) => c.name.toLowerCase() === name.trim().toLowerCase()) ?? obj.counters.find((c) => squash(c.name) === squash(name)),
  };
}

/**
 * Splits `<class> <counter>` given as quoted or unquoted words ("Cisco Presence Engine" ActiveJsmSessions, or
 * Cisco Presence Engine Active JsmSessions as guide L1897 prints it): the longest leading run of words that
 * names a class, the rest the counter.
 */
export function splitClassAndRest(view: PerfView, args: readonly string[]): { obj: PerfObjectDefinition; rest: string[] } | undefined {
  for (let k = args.length - 1; k >= 1; k--) {
    const obj = view.findClass(args.slice(0, k).join(' '));
    if (obj) return { obj, rest: args.slice(k) };
  }
  return undefined;
}

/** Perfmon shows integral values (as the SOAP Perfmon answers do). */
export function perfValue(v: number): string {
  return String(Math.round(v));
}

/** Category of a perfmon object in `show perf list categories` (ours). */
export function categoryOf(obj: PerfObjectDefinition): string {
  if (['Processor', 'Memory', 'Partition', 'Process'].includes(obj.name)) return 'System';
  if (obj.name.startsWith('Cisco')) return obj.roles.includes('cucm') && !obj.roles.includes('imp') ? 'CallManager' : 'IM and Presence';
  return 'Database';
}
