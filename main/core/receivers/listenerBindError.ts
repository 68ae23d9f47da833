/**
 * A receiver port that could not be bound, as data for ListenerStatus.error: the OS code and a sentence saying what
 * to do. Ports below 1024 (514 syslog, 162 traps: serviceability-reference.md SNMP configuration, the guide's ports
 * table) need root or the capability, hence the setcap hint.
 */
export const SETCAP_HINT = 'ports below 1024 need root or `sudo setcap cap_net_bind_service=+ep $(readlink -f $(which node))`';

export function listenerBindError(err: unknown, what: string, address: string, port: number): { code: string; message: string } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'EBIND';
  const text = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { code, message: `${what} cannot bind ${address}:${port}: permission denied; ${SETCAP_HINT}` };
    case 'EADDRINUSE':
      return { code, message: `${what} cannot bind ${address}:${port}: the port is in use by another program (a system syslog daemon or snmptrapd, another IMP Monitor); choose another port or stop it` };
    case 'EADDRNOTAVAIL':
      return { code, message: `${what} cannot bind ${address}:${port}: ${address} is not an address of this machine` };
    default:
      return { code, message: `${what} cannot bind ${address}:${port}: ${text}` };
  }
}
