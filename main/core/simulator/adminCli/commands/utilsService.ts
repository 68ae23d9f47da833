import type { ServiceState } from '../../model/services/nodeServices.js';
import { fail, usage } from '../cliMessages.js';
import { joinWords } from '../commandLine.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';
import { waitForServiceStatus } from '../serviceWait.js';

/** Written before a restart ([I] UC OS wording). */
export const RESTART_WARNING = 'Do not press Ctrl+C while the service is restarting. If the service has not restarted properly, execute the same command again.';

const PLATFORM_HEAD = new Set(['cluster manager', 'cisco service manager']);

/**
 * One `utils service list` line: `Name[STATUS]` and, for a stopped service, two spaces and the reason, the
 * real layout ("Cisco DRF Master[STOPPED]  Commanded Out of Service", public health-check scripts; Cisco's
 * service troubleshooting note lists "Service Not Activated", "Commanded Out of Service" and NOTRUNNING).
 */
export function serviceLine(s: ServiceState): string {
  const name = s.definition.name;
  switch (s.status) {
    case 'Started':
      return `${name}[STARTED]`;
    case 'Starting':
      return `${name}[STARTING]`;
    case 'Stopping':
      return `${name}[STOPPING]`;
    case 'Unknown':
      return `${name}[NOTRUNNING]`;
    default:
      if (!s.activated) return `${name}[STOPPED]  Service Not Activated`;
      if (s.cause === 'admin' || s.cause === 'dependency' || s.cause === 'srm') return `${name}[STOPPED]  Commanded Out of Service`;
      if (s.cause === 'crash' || s.cause === 'startFailed') return `${name}[NOTRUNNING]`;
      return `${name}[STOPPED]`;
  }
}

/**
 * `utils service list` (serviceability-reference.md D.2): System SSH and Cluster Manager first, Service Manager's
 * answer, then every service in catalog order and the `Primary Node =` line ([I] in the reference).
 */
export function serviceListText(ctx: Pick<CommandContext, 'node'>): string {
  const { node } = ctx;
  const services = node.services.list();
  const clusterManager = node.services.get('Cluster Manager');
  const lines = ['Requesting service status, please wait...', 'System SSH[STARTED]'];
  if (clusterManager) lines.push(serviceLine(clusterManager));
  if (!node.services.isRunning('Cisco Service Manager')) {
    lines.push('Service Manager is not running');
    return `${lines.join('\n')}\n`;
  }
  lines.push('Service Manager is running', 'Getting list of all services', '>> Return code = 0');
  for (const s of services) if (!PLATFORM_HEAD.has(s.definition.name.toLowerCase())) lines.push(serviceLine(s));
  lines.push(`Primary Node =${node.role === 'imp-subscriber' ? 'false' : 'true'}`);
  return `${lines.join('\n')}\n`;
}

async function stopFlow(ctx: CommandContext, s: ServiceState): Promise<boolean> {
  const name = s.definition.name;
  const r = ctx.node.services.stop(name, 'admin');
  if (!r.ok) {
    fail(ctx, r.message);
    return false;
  }
  if (ctx.node.services.get(name)?.status === 'Stopping') {
    ctx.io.write(`${name}[STOPPING]\n`);
    await waitForServiceStatus(ctx.model, ctx.node.name, name, ['Stopped'], ctx.onClose);
  }
  const after = ctx.node.services.get(name)!;
  if (after.status !== 'Stopped') {
    fail(ctx, `${name}[${after.status.toUpperCase()}]`);
    return false;
  }
  ctx.io.write(`Commanded Out of Service\n${name}[NOTRUNNING]\n`);
  return true;
}

async function startFlow(ctx: CommandContext, s: ServiceState): Promise<void> {
  const name = s.definition.name;
  const r = ctx.node.services.start(name, 'admin');
  if (!r.ok) {
    const now = ctx.node.services.get(name)!;
    return fail(ctx, `${serviceLine(now)}\n${r.message}`);
  }
  if (ctx.node.services.get(name)?.status === 'Starting') {
    ctx.io.write(`${name}[STARTING]\n`);
    await waitForServiceStatus(ctx.model, ctx.node.name, name, ['Started', 'Stopped'], ctx.onClose);
  }
  const after = ctx.node.services.get(name)!;
  if (after.status === 'Started') ctx.io.write(`${name}[STARTED]\n`);
  else fail(ctx, serviceLine(after));
}

/** Resolves the service a command names (words joined, any case), writing the error when there is none. */
function resolveService(ctx: CommandContext, args: string[], syntax: string): ServiceState | undefined {
  if (args.length === 0) {
    usage(ctx, syntax);
    return undefined;
  }
  if (!ctx.node.services.isRunning('Cisco Service Manager')) {
    fail(ctx, 'Service Manager is not running');
    return undefined;
  }
  ctx.io.write('Service Manager is running\n');
  const name = joinWords(args);
  const s = ctx.node.services.get(name);
  if (!s) fail(ctx, `Invalid service name: ${name}`);
  return s;
}

/** `utils service list|start|stop|restart`. */
export const utilsServiceCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'service', 'list'],
    syntax: 'utils service list',
    run: async (ctx, args) => {
      if (args.length > 0 && !(args.length === 1 && args[0]!.toLowerCase() === 'page')) return usage(ctx, 'utils service list [page]');
      await ctx.output(serviceListText(ctx));
    },
  },
  {
    words: ['utils', 'service', 'stop'],
    syntax: 'utils service stop <service name>',
    run: async (ctx, args) => {
      const s = resolveService(ctx, args, 'utils service stop <service name>');
      if (s) await stopFlow(ctx, s);
    },
  },
  {
    words: ['utils', 'service', 'start'],
    syntax: 'utils service start <service name>',
    run: async (ctx, args) => {
      const s = resolveService(ctx, args, 'utils service start <service name>');
      if (s) await startFlow(ctx, s);
    },
  },
  {
    words: ['utils', 'service', 'restart'],
    syntax: 'utils service restart <service name>',
    run: async (ctx, args) => {
      if (args.length > 0) ctx.io.write(`${RESTART_WARNING}\n`);
      const s = resolveService(ctx, args, 'utils service restart <service name>');
      if (!s) return;
      // The dependants running now start again once the service is back (guide L1788, L8072).
      const dependants = ctx.node.services.runningDependants(s.definition.name);
      if (!(await stopFlow(ctx, s))) return;
      ctx.io.write('Service Manager is running\n');
      await startFlow(ctx, s);
      if (ctx.node.services.isRunning(s.definition.name)) for (const d of dependants) ctx.node.services.start(d, 'admin');
    },
  },
];
