/**
 * `utils users validate all|userid|uri` (guide L8448-8535; sample output L8506-8535, seed-inventory.md 12.6): the
 * Data Monitor's check for duplicate user IDs and missing, invalid or duplicate directory URIs across the IM&P
 * nodes. Sections, as the guide prints them:
 *   Users with Duplicate User IDs / ----- / User ID: <id> / Node Name / <node>…
 *   Users with No Directory URI Configured / ----- / Node Name: <node> / User ID / <id>…
 *   Users with Invalid Directory URI Configured / ----- / Node Name: <node> / User ID   Directory URI / <id> <uri>…
 *   Users with Duplicate Directory URIs / ----- / Directory URI: <uri> / Node Name   User ID / <node> <id>…
 * and, when a check finds nothing, "No Users with Duplicate User IDs found" / "No Users with Duplicate or Invalid
 * Directory URIs found" (the simulator's words, adminCli/commands/utilsUsers.ts; the guide shows no clean sample).
 */
import { parseError, parsed, precheck, type ParseResult } from './reportText.js';

export interface UsersValidation {
  readonly duplicateUserIds: readonly { userId: string; nodes: string[] }[];
  readonly noDirectoryUri: readonly { userId: string; node: string }[];
  readonly invalidDirectoryUri: readonly { userId: string; uri: string; node: string }[];
  readonly duplicateDirectoryUris: readonly { uri: string; users: { userId: string; node: string }[] }[];
}

type Section = 'ids' | 'noUri' | 'badUri' | 'dupUri';

const HEADINGS: ReadonlyArray<[RegExp, Section]> = [
  [/^Users with Duplicate User IDs$/i, 'ids'],
  [/^Users with No Directory URI Configured$/i, 'noUri'],
  [/^Users with Invalid Directory URI Configured$/i, 'badUri'],
  [/^Users with Duplicate Directory URIs$/i, 'dupUri'],
];
const NONE_IDS = /^No Users with Duplicate User IDs found\.?$/i;
const NONE_URIS = /^No Users with Duplicate or Invalid Directory URIs found\.?$/i;

/** Parses the answer; `scope` says which checks the command ran (the answer must show each of them). */
export function parseUsersValidate(text: string, node = '', scope: 'all' | 'userid' | 'uri' = 'all'): ParseResult<UsersValidation> {
  const pre = precheck(text, node, 'utils users validate');
  if (!pre.ok) return pre;
  const duplicateUserIds: { userId: string; nodes: string[] }[] = [];
  const noDirectoryUri: { userId: string; node: string }[] = [];
  const invalidDirectoryUri: { userId: string; uri: string; node: string }[] = [];
  const duplicateDirectoryUris: { uri: string; users: { userId: string; node: string }[] }[] = [];
  let sawIds = false;
  let sawUris = false;
  let section: Section | undefined;
  /** The entry's key line (User ID: / Node Name: / Directory URI:) seen, then its column header. */
  let key: string | undefined;
  let header = false;
  for (const raw of pre.value) {
    const line = raw.trim();
    if (line === '' || /^-{3,}$/.test(line) || line === '```') continue;
    const heading = HEADINGS.find(([re]) => re.test(line));
    if (heading) {
      section = heading[1];
      key = undefined;
      header = false;
      if (section === 'ids') sawIds = true;
      else sawUris = true;
      continue;
    }
    if (NONE_IDS.test(line)) {
      sawIds = true;
      section = undefined;
      continue;
    }
    if (NONE_URIS.test(line)) {
      sawUris = true;
      section = undefined;
      continue;
    }
    if (section === undefined) return parseError(node, 'utils users validate (a line outside any section)', line);
    const keyLine = /^(User ID|Node Name|Directory URI):\s*(\S.*)$/i.exec(line);
    if (keyLine) {
      const want = section === 'ids' ? 'user id' : section === 'dupUri' ? 'directory uri' : 'node name';
      if (keyLine[1]!.toLowerCase() !== want) return parseError(node, `utils users validate (${keyLine[1]} in the wrong section)`, line);
      key = keyLine[2]!.trim();
      header = false;
      if (section === 'ids') duplicateUserIds.push({ userId: key, nodes: [] });
      if (section === 'dupUri') duplicateDirectoryUris.push({ uri: key, users: [] });
      continue;
    }
    if (key === undefined) return parseError(node, 'utils users validate (a row before its User ID / Node Name / Directory URI line)', line);
    if (!header) {
      const expected = { ids: /^Node Name$/i, noUri: /^User ID$/i, badUri: /^User ID\s+Directory URI$/i, dupUri: /^Node Name\s+User ID$/i }[section];
      if (!expected.test(line)) return parseError(node, 'utils users validate (a column header)', line);
      header = true;
      continue;
    }
    const words = line.split(/\s+/);
    if (section === 'ids' || section === 'noUri') {
      if (words.length !== 1) return parseError(node, 'utils users validate (a row)', line);
      if (section === 'ids') duplicateUserIds[duplicateUserIds.length - 1]!.nodes.push(words[0]!);
      else noDirectoryUri.push({ userId: words[0]!, node: key });
    } else if (section === 'badUri') {
      if (words.length < 2) return parseError(node, 'utils users validate (an invalid URI row)', line);
      invalidDirectoryUri.push({ userId: words[0]!, uri: line.slice(words[0]!.length).trim(), node: key });
    } else {
      if (words.length !== 2) return parseError(node, 'utils users validate (a duplicate URI row)', line);
      duplicateDirectoryUris[duplicateDirectoryUris.length - 1]!.users.push({ node: words[0]!, userId: words[1]! });
    }
  }
  if ((scope !== 'uri' && !sawIds) || (scope !== 'userid' && !sawUris)) return parseError(node, `utils users validate ${scope} (a check's section is missing: the answer is cut or is another command's)`);
  // An entry without rows is a cut answer.
  if (duplicateUserIds.some((d) => d.nodes.length === 0) || duplicateDirectoryUris.some((d) => d.users.length === 0)) return parseError(node, 'utils users validate (an entry without rows)');
  return parsed({ duplicateUserIds, noDirectoryUri, invalidDirectoryUri, duplicateDirectoryUris });
}
