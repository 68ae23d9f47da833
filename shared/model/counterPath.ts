/**
 * The Perfmon counter path, `\\host\Object\Counter` or `\\host\Object(instance)\Counter`
 * (serviceability-reference.md B.1 "Counter naming format"; wire-notes.md "Counter names"), formatted and parsed
 * here only: the collector's Perfmon client, the PDH CSV export and the simulated nodes' Perfmon service and CLI.
 * Pure: no Node, no DOM.
 *
 * Which parentheses hold the instance: Perfmon object names have none (Cisco's catalogue), while instance names
 * may (`Process(java (1))`, a JSM session counter instance `user@x (1)`, `Processor(_Total)` itself). So the
 * object is the text before the FIRST `(`, and the instance is everything from there to the `)` that ends the
 * middle part: inner parentheses, balanced or not, stay in the instance. Host and counter names have no `\`,
 * so the host ends at the first `\` after `\\`, the counter starts after the last `\`, and an instance may hold
 * backslashes too. Parsers that split on every `\` and on `(`/`)` (POKORNY `splitName`, wire-notes.md) break on
 * such instances; this one does not, and `parse(format(p))` gives `p` back for any such name.
 */

/** One counter of one node: `instance` is '' for a single-instance object (as in SeriesRef). */
export interface CounterPath {
  readonly host: string;
  readonly object: string;
  readonly instance: string;
  readonly counter: string;
}

/** Formats `\\host\Object\Counter`, or `\\host\Object(instance)\Counter` when there is an instance. */
export function formatCounterPath(p: CounterPath): string {
  return `\\\\${p.host}\\${formatObjectInstance(p.object, p.instance)}\\${p.counter}`;
}

/** Formats `Object` or `Object(instance)`, the middle part of a counter path (and the CLI's perf class form). */
export function formatObjectInstance(object: string, instance: string): string {
  return instance === '' ? object : `${object}(${instance})`;
}

/** Parses `\\host\Object(instance)\Counter` (or without instance); undefined when it is not in that form. */
export function parseCounterPath(text: string): CounterPath | undefined {
  if (!text.startsWith('\\\\')) return undefined;
  const rest = text.slice(2);
  const hostEnd = rest.indexOf('\\');
  if (hostEnd <= 0) return undefined;
  const local = parseLocalCounterPath(rest.slice(hostEnd + 1), false);
  return local && { host: rest.slice(0, hostEnd), ...local };
}

/**
 * Parses the host-less form the admin CLI takes (`show perf query path`): `Object(instance)\Counter`, with or
 * without a leading `\`. Undefined when it is not in that form.
 */
export function parseLocalCounterPath(text: string, leadingBackslash = true): Omit<CounterPath, 'host'> | undefined {
  const body = leadingBackslash && text.startsWith('\\') ? text.slice(1) : text;
  const counterStart = body.lastIndexOf('\\');
  if (counterStart <= 0 || counterStart === body.length - 1) return undefined;
  const split = parseObjectInstance(body.slice(0, counterStart));
  return split && { ...split, counter: body.slice(counterStart + 1) };
}

/**
 * Splits `Object` or `Object(instance)`: the object is the text before the first `(`, the instance the text
 * between it and the final `)`. Undefined for an empty object or instance, an object with `\` or `)`, or a `(`
 * whose part does not end with `)`.
 */
export function parseObjectInstance(text: string): { object: string; instance: string } | undefined {
  const open = text.indexOf('(');
  const object = open < 0 ? text : text.slice(0, open);
  if (object === '' || object.includes('\\') || object.includes(')')) return undefined;
  if (open < 0) return { object, instance: '' };
  if (!text.endsWith(')') || open + 1 >= text.length - 1) return undefined;
  return { object, instance: text.slice(open + 1, -1) };
}
