/**
 * `utils diagnose module <name>` / `utils diagnose test` (serviceability-reference.md D.9 [V] MSG-010; the IM&P
 * modules and their item lines are reports-design.md's, designed: no real sample):
 *
 *   Log file: platform/log/diag1.log
 *
 *   Starting diagnostic test(s)
 *   ===========================
 *   test - ldap                : Failed - 1 of 2 LDAP servers unreachable
 *       ldap1.example.com:389   reachable
 *       ldap2.example.com:636   unreachable: connection timed out
 *
 *   Diagnostics Completed
 *
 * The result line is read in the three forms seen: `test - name : Passed` (ANSIBLE's regex, D.9), `test - name
 * —Passed` (MSG-010, an em dash) and with a ` - <detail>` after the result word. Item lines are indented under
 * their test: `<item>  <state>[: detail]`. An answer without `Diagnostics Completed` was cut: POLL_PARSE.
 */
import { parseError, parsed, precheck, type ParseResult } from './reportText.js';

export interface DiagnoseModule {
  readonly module: string;
  readonly result: 'passed' | 'failed' | 'warning' | 'skipped';
  readonly detail: string;
  readonly items: readonly { item: string; state: string; detail?: string }[];
}

const TEST = /^test\s*-\s*([A-Za-z0-9_.-]+)\s*(?::|\u2014|\u2013|--?)\s*(Passed|Failed|Warning|Skipped)\b\s*(?:(?:-|\u2014|\u2013|:)\s*(.*))?$/i;
const TEST_LOOSE = /^test\s*-\s*/i;
const COMPLETED = /^Diagnostics Completed\b/i;
const UNKNOWN_MODULE = /^(?:Invalid|Unknown) (?:diagnostic )?module\b/i;

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** An item line: `<item>` then two or more blanks (or a tab), then `<state>[: detail]`. */
function itemOf(line: string): { item: string; state: string; detail?: string } | undefined {
  const fields = line.trim().split(/\s{2,}|\t+/).filter((f) => f !== '');
  if (fields.length < 2) return undefined;
  const [item, first, ...rest] = fields as [string, string, ...string[]];
  const colon = first.indexOf(': ');
  const state = (colon < 0 ? first.replace(/:$/, '') : first.slice(0, colon)).trim();
  const detail = [colon < 0 ? '' : first.slice(colon + 2).trim(), ...rest].filter((d) => d !== '').join('  ');
  return { item, state, ...(detail !== '' ? { detail } : {}) };
}

/** Parses every test of a `utils diagnose` answer, in order. */
export function parseDiagnose(text: string, node = ''): ParseResult<DiagnoseModule[]> {
  const pre = precheck(text, node, 'utils diagnose', UNKNOWN_MODULE);
  if (!pre.ok) return pre;
  const out: { module: string; result: DiagnoseModule['result']; detail: string; items: { item: string; state: string; detail?: string }[]; indent: number }[] = [];
  let completed = false;
  for (const raw of pre.value) {
    // MSG-010's flattened "Starting diagnostic test(s)===========================test - …" keeps the test on one line.
    const line = raw.replace(/^(\s*)Starting diagnostic test\(s\)\s*=+\s*/i, '$1');
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (COMPLETED.test(trimmed)) {
      completed = true;
      continue;
    }
    const t = TEST.exec(trimmed);
    if (t) {
      out.push({ module: t[1]!, result: t[2]!.toLowerCase() as DiagnoseModule['result'], detail: (t[3] ?? '').trim(), items: [], indent: indentOf(line) });
      continue;
    }
    if (TEST_LOOSE.test(trimmed)) return parseError(node, 'a utils diagnose result line', trimmed);
    const current = out[out.length - 1];
    if (current && !completed && indentOf(line) > current.indent) {
      const item = itemOf(line);
      if (!item) return parseError(node, `an item line of the ${current.module} test`, trimmed);
      current.items.push(item);
    }
    // Anything else is the banner: "Log file: …", "Starting diagnostic test(s)", the underline.
  }
  if (!completed) return parseError(node, 'utils diagnose (no "Diagnostics Completed": the answer was cut)');
  return parsed(out.map(({ indent: _indent, ...m }) => m));
}

/** The one module's test of a `utils diagnose module <name>` answer. */
export function parseDiagnoseModule(text: string, module: string, node = ''): ParseResult<DiagnoseModule> {
  const all = parseDiagnose(text, node);
  if (!all.ok) return all;
  const found = all.value.find((m) => m.module.toLowerCase() === module.toLowerCase());
  if (!found) return parseError(node, `utils diagnose module ${module} (no result line for ${module})`);
  return parsed(found);
}
