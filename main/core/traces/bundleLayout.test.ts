import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { absoluteNodePath, archivePathFor, bundleEntryName, defaultLabel, localPathFor, nodeFolderName, relativeNodePath, safeLabel, workDirFor } from './bundleLayout.js';

describe('bundle layout', () => {
  it('names node files by their path relative to the active log root', () => {
    expect(relativeNodePath('/var/log/active/epas/trace/xcp/log/rtr-jsm-1.log.gz')).toBe('/epas/trace/xcp/log/rtr-jsm-1.log.gz');
    expect(relativeNodePath('/epas/trace/xcp/log/rtr-jsm-1.log.gz')).toBe('/epas/trace/xcp/log/rtr-jsm-1.log.gz');
    expect(relativeNodePath('epas/x.log')).toBe('/epas/x.log');
    expect(absoluteNodePath('/epas/x.log')).toBe('/var/log/active/epas/x.log');
    expect(bundleEntryName('imp-pub', '/epas/trace/xcp/log/rtr-jsm-1.log.gz')).toBe('imp-pub/epas/trace/xcp/log/rtr-jsm-1.log.gz');
  });

  it('refuses paths that would leave the work folder or break a MANIFEST line', () => {
    for (const bad of ['/var/log/active', '/var/log/active/../etc/passwd', '/epas/../../x', '/epas/./x', '/epas//x', '/a\nb', '/a\\b', '/', '']) {
      expect(relativeNodePath(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('places files, work folders and bundles', () => {
    expect(localPathFor('/w', 'imp-pub', '/epas/x.log')).toBe(join('/w', 'imp-pub', 'epas', 'x.log'));
    expect(workDirFor('/out', 'b')).toBe(join('/out', 'b.collecting'));
    expect(archivePathFor('/out', 'b', 'zip')).toBe(join('/out', 'b.zip'));
    expect(archivePathFor('/out', 'b', 'tar.gz')).toBe(join('/out', 'b.tar.gz'));
    expect(nodeFolderName('c1', 'imp-pub', false)).toBe('imp-pub');
    expect(nodeFolderName('c1', 'imp-pub', true)).toBe('c1_imp-pub');
    // A host named like one of the bundle's own files never becomes a folder of that name.
    expect(nodeFolderName('c1', 'collection.json', false)).toBe('node_collection.json');
    expect(nodeFolderName('c1', 'MANIFEST.SHA256', false)).toBe('node_MANIFEST.SHA256');
    expect(nodeFolderName('c1', 'collection.lock', false)).toBe('node_collection.lock');
  });

  it('makes labels safe as file names', () => {
    expect(defaultLabel(Date.UTC(2026, 11, 6, 9, 25, 12))).toBe('traces-20261206-092512');
    expect(safeLabel('case 123 / presence')).toBe('case_123_presence');
    expect(safeLabel('../..')).toBe('traces');
    expect(safeLabel('  ')).toBe('traces');
  });
});
