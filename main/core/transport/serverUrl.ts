/**
 * The address of an IMP Monitor server a client connects to (`npm start -- --connect URL`, issue 16): an http(s)
 * origin without credentials, path, query or fragment. Plain http only to this machine (127.0.0.0/8, ::1,
 * localhost): a server refuses to listen off the machine without TLS, and a client refuses to send a password or a
 * session token over plain HTTP across a network (the same rule, from the other side).
 */

/** A checked server address. */
export interface ServerUrl {
  /** `https://host:port` (URL.origin: no trailing slash). */
  readonly origin: string;
  readonly protocol: 'http:' | 'https:';
  /** The host as URL gives it (IPv6 in brackets). */
  readonly host: string;
  readonly hostname: string;
  readonly port: number;
  /** The events endpoint: ws(s)://host:port/ws. */
  readonly wsUrl: string;
}

/** Whether a host name is this machine (loopback). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Parses and checks a server address; the message says what is wrong and what to type. */
export function parseServerUrl(text: string): { readonly ok: true; readonly value: ServerUrl } | { readonly ok: false; readonly message: string } {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, message: `the server address must be a URL such as https://imp-monitor.example.com:8443, got ${shown === '' ? 'nothing' : shown}` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, message: `the server address must start with https:// (or http:// for a server on this machine), got ${u.protocol}` };
  if (u.username !== '' || u.password !== '') return { ok: false, message: 'the server address must not carry a name or password (log in in the app instead)' };
  if ((u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.hash !== '') return { ok: false, message: `the server address is the server's origin only (scheme, host, port), without a path or query: ${u.origin}` };
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return { ok: false, message: `plain http:// is for a server on this machine only: use https://${u.host} (passwords and session tokens never cross a network unencrypted)` };
  }
  const port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
  const protocol = u.protocol;
  return {
    ok: true,
    value: { origin: u.origin, protocol, host: u.host, hostname: u.hostname.replace(/^\[|\]$/g, ''), port, wsUrl: `${protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}/ws` },
  };
}
