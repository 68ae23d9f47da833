import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../../base/errors.js';
import type { WrappedKey } from './backupArchive.js';

// The backup descriptor stored next to the component tars, `<name>_drfComponent.xml` (the file name follows
// real DRS backups; the layout is ours). It records what the restore checks: the version (guide L10040,
// L10342), hostnames, IPs, DNS domain and deployment types (L10344, L10437), and the backup key encrypted
// with the cluster security password (L10042).

/** A node as recorded at backup time. */
export interface DescriptorNode {
  readonly hostname: string;
  readonly ip: string;
  readonly role: string;
  readonly deploymentType: string;
  readonly version: string;
  readonly domain: string;
}

/** One component tar of the backup. */
export interface DescriptorComponent {
  readonly node: string;
  readonly feature: string;
  readonly component: string;
  readonly file: string;
  readonly size: number;
  readonly sha1: string;
}

/** The whole descriptor. */
export interface BackupDescriptor {
  readonly name: string;
  readonly kind: 'MANUAL' | 'SCHEDULED';
  readonly createdMs: number;
  readonly cluster: string;
  readonly features: readonly string[];
  readonly key: WrappedKey;
  readonly nodes: readonly DescriptorNode[];
  readonly components: readonly DescriptorComponent[];
}

/** The descriptor's file name for a backup called `name`. */
export function descriptorFileName(name: string): string {
  return `${name}_drfComponent.xml`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrs(o: Record<string, string | number>): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}="${esc(String(v))}"`)
    .join(' ');
}

/** Serialises a descriptor as XML. */
export function buildDescriptor(d: BackupDescriptor): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<drfBackup ${attrs({ name: d.name, type: d.kind, created: new Date(d.createdMs).toISOString(), cluster: d.cluster, features: d.features.join(',') })}>`,
    `  <securityKey ${attrs({ salt: d.key.salt, sealed: d.key.sealed })}/>`,
    ...d.nodes.map((n) => `  <server ${attrs({ ...n })}/>`),
    ...d.components.map((c) => `  <component ${attrs({ ...c })}/>`),
    '</drfBackup>',
    '',
  ];
  return lines.join('\n');
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, isArray: (name) => name === 'server' || name === 'component' });

/** Parses a descriptor; throws AppError VALIDATION naming what is missing. */
export function parseDescriptor(xml: string): BackupDescriptor {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new AppError('VALIDATION', `unreadable backup descriptor: ${(err as Error).message}`, { cause: err });
  }
  const root = doc['drfBackup'] as Record<string, unknown> | undefined;
  const key = root?.['securityKey'] as Record<string, string> | undefined;
  if (!root || !key?.salt || !key.sealed || typeof root['name'] !== 'string') throw new AppError('VALIDATION', 'backup descriptor lacks drfBackup/securityKey');
  const str = (o: Record<string, unknown>, k: string): string => String(o[k] ?? '');
  const servers = (root['server'] as Record<string, unknown>[] | undefined) ?? [];
  const comps = (root['component'] as Record<string, unknown>[] | undefined) ?? [];
  return {
    name: str(root, 'name'),
    kind: str(root, 'type') === 'SCHEDULED' ? 'SCHEDULED' : 'MANUAL',
    createdMs: Date.parse(str(root, 'created')),
    cluster: str(root, 'cluster'),
    features: str(root, 'features').split(',').filter(Boolean),
    key: { salt: key.salt, sealed: key.sealed },
    nodes: servers.map((s) => ({ hostname: str(s, 'hostname'), ip: str(s, 'ip'), role: str(s, 'role'), deploymentType: str(s, 'deploymentType'), version: str(s, 'version'), domain: str(s, 'domain') })),
    components: comps.map((c) => ({ node: str(c, 'node'), feature: str(c, 'feature'), component: str(c, 'component'), file: str(c, 'file'), size: Number(c['size'] ?? 0), sha1: str(c, 'sha1') })),
  };
}
