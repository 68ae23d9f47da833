import { hashString } from '../../random/seededRandom.js';
import type { SimUser } from '../../model/users/userDirectory.js';
import { usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

type Scope = 'all' | 'userid' | 'uri';

/**
 * `utils users validate all|userid|uri` with the layouts of the guide's sample output (seed-inventory.md 12.6,
 * L8474-8535, verbatim headings). It runs the Data Monitor check (model.runUserValidation, which also raises or
 * clears the alarms). How injected problems map to users (ours): a duplicate user ID lives on its user's node
 * and on the next IM&P node; a duplicate URI belongs to its user (when one has it) and to a second user picked
 * from the URI; an invalid-URI entry that is a user ID means that user has no URI, otherwise it is the bad URI
 * of a user picked from it.
 */
export function usersValidateText(ctx: Pick<CommandContext, 'model'>, scope: Scope): string {
  const { model } = ctx;
  const found = model.runUserValidation();
  const imp = model.impNodes().map((n) => n.name);
  const users = model.users.users;
  const pick = (key: string, not?: SimUser): SimUser | undefined => {
    if (users.length === 0) return undefined;
    let u = users[hashString(key) % users.length]!;
    if (u === not && users.length > 1) u = users[(u.index + 1) % users.length]!;
    return u;
  };
  const home = (u: SimUser | undefined): string => u?.homeNode ?? imp[0] ?? '';
  const out: string[] = [];
  if (scope !== 'uri') {
    if (found.userids.length > 0) {
      out.push('Users with Duplicate User IDs', '-----');
      for (const id of found.userids) {
        const first = home(model.users.find(id));
        const second = imp[(imp.indexOf(first) + 1) % Math.max(1, imp.length)] ?? first;
        out.push(`User ID: ${id}`, 'Node Name', first, ...(second !== first ? [second] : []), '');
      }
    } else {
      out.push('No Users with Duplicate User IDs found', '');
    }
  }
  if (scope !== 'userid') {
    const missing = found.invalidUris.map((v) => model.users.find(v)).filter((u): u is SimUser => u !== undefined);
    const invalid = found.invalidUris.filter((v) => !model.users.find(v)).map((v) => ({ uri: v, user: pick(v) }));
    if (missing.length > 0) {
      out.push('Users with No Directory URI Configured', '-----');
      for (const [node, list] of groupBy(missing, (u) => home(u))) out.push(`Node Name: ${node}`, 'User ID', ...list.map((u) => u.userid), '');
    }
    if (invalid.length > 0) {
      out.push('Users with Invalid Directory URI Configured', '-----');
      for (const [node, list] of groupBy(invalid, (x) => home(x.user))) {
        out.push(`Node Name: ${node}`, 'User ID   Directory URI', ...list.map((x) => `${(x.user?.userid ?? '').padEnd(10)}${x.uri}`), '');
      }
    }
    if (found.uris.length > 0) {
      out.push('Users with Duplicate Directory URIs', '-----');
      for (const uri of found.uris) {
        const a = users.find((u) => u.uri.toLowerCase() === uri.toLowerCase()) ?? pick(uri);
        const b = pick(`${uri}#2`, a);
        out.push(`Directory URI: ${uri}`, 'Node Name   User ID', ...[a, b].filter((u): u is SimUser => !!u).map((u) => `${home(u).padEnd(12)}${u.userid}`), '');
      }
    }
    if (missing.length + invalid.length + found.uris.length === 0) out.push('No Users with Duplicate or Invalid Directory URIs found', '');
  }
  return `${out.join('\n')}\n`;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}

/** `utils users validate {all|userid|uri}`. */
export const utilsUsersCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'users', 'validate'],
    syntax: 'utils users validate {all|userid|uri}',
    run: async (ctx, args) => {
      const scope = args[0]?.toLowerCase();
      if (args.length !== 1 || (scope !== 'all' && scope !== 'userid' && scope !== 'uri')) return usage(ctx, 'utils users validate {all|userid|uri}');
      await ctx.output(usersValidateText(ctx, scope));
    },
  },
];
