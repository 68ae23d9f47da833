/**
 * Port plan of a simulated cluster: node i (profile order) takes basePort + 10*i + offset, so a profile's
 * endpoints are stable across runs; the backup server takes basePort + 99. basePort 0 = any free ports.
 */
export const PORT_OFFSETS = { ssh: 0, snmp: 1, soap: 2 } as const;
export const BACKUP_SERVER_OFFSET = 99;

/** The port of a node's endpoint (0 when the profile asks for free ports). */
export function nodePort(basePort: number, nodeIndex: number, kind: keyof typeof PORT_OFFSETS): number {
  return basePort === 0 ? 0 : basePort + nodeIndex * 10 + PORT_OFFSETS[kind];
}

/** The backup server's port. */
export function backupServerPort(basePort: number): number {
  return basePort === 0 ? 0 : basePort + BACKUP_SERVER_OFFSET;
}
