import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quoteCliArg } from '../cliLogCommands.js';
import { activelogPath, cliFailure, parseBuildLog, parseCoreActiveList, parseFileGet, parseFileListDetail, parseFileSearch } from './activelogOutput.js';

// Shapes: the simulator's CLI fixtures (adminCli/fixtures, kept in the layout of reference D.6) and the UC OS
// layouts cited in activelogOutput.ts.
const fixture = (name: string): string => readFileSync(new URL(`../../../simulator/adminCli/fixtures/${name}`, import.meta.url), 'utf8');

describe('file list activelog … detail', () => {
  it('reads the fixture: sizes with thousands separators, UTC stamps, counts checked', () => {
    const entries = parseFileListDetail(fixture('file-list-detail.txt'), 'platform/log')!;
    expect(entries).toHaveLength(8);
    expect(entries[0]).toEqual({ path: '/platform/log/clustermgr000001.log', name: 'clustermgr000001.log', kind: 'file', size: 262_152, modifiedMs: Date.UTC(2026, 10, 25, 8) });
    expect(entries[3]!.size).toBe(0);
  });

  it('reads directories, the root, an echoed command line and CRLF', () => {
    const text = ['admin:file list activelog epas/trace/xcp/log detail', '06 Dec,2026 09:00:00         <dir>  sdi', '06 Dec,2026 08:00:01       262,144  rtr-jsm-1000001.log.gz', 'dir count = 1, file count = 1', ''].join('\r\n');
    expect(parseFileListDetail(text, '/epas/trace/xcp/log')).toEqual([
      { path: '/epas/trace/xcp/log/sdi', name: 'sdi', kind: 'directory', size: 0, modifiedMs: Date.UTC(2026, 11, 6, 9) },
      { path: '/epas/trace/xcp/log/rtr-jsm-1000001.log.gz', name: 'rtr-jsm-1000001.log.gz', kind: 'file', size: 262_144, modifiedMs: Date.UTC(2026, 11, 6, 8, 0, 1) },
    ]);
    expect(parseFileListDetail('06 Dec,2026 09:00:00         <dir>  epas\ndir count = 1, file count = 0\n', '/')![0]!.path).toBe('/epas');
  });

  it('an empty directory is an empty list; rows that disagree with the counts or no listing at all are undefined', () => {
    expect(parseFileListDetail('dir count = 0, file count = 0\n', '/x')).toEqual([]);
    expect(parseFileListDetail('06 Dec,2026 09:00:00             5  a.log\ndir count = 0, file count = 2\n', '/x')).toBeUndefined();
    expect(parseFileListDetail('No such file or directory: activelog/x\nExecuted command unsuccessfully\n', '/x')).toBeUndefined();
  });
});

describe('file search activelog', () => {
  it('reads file and line under each "Searching file" header; needs "Search completed"', () => {
    const text = ['Searching path: /var/log/active/epas/trace/xcp/log', 'Searching file: /var/log/active/epas/trace/xcp/log/a.log.gz', '2026-12-06T09:00:00.000Z INFO x', 'Searching file: /var/log/active/epas/trace/xcp/log/b.log', 'Searching file: /var/log/active/epas/trace/xcp/log/c.log', 'line c', 'Search completed', ''].join('\n');
    expect(parseFileSearch(text)).toEqual([
      { path: '/epas/trace/xcp/log/a.log.gz', text: '2026-12-06T09:00:00.000Z INFO x' },
      { path: '/epas/trace/xcp/log/c.log', text: 'line c' },
    ]);
    expect(parseFileSearch(text.replace('Search completed', ''))).toBeUndefined();
  });
});

describe('file build log, file get, failures', () => {
  it('reads the created archive from the fixture', () => {
    expect(parseBuildLog(fixture('file-build-log.txt'))).toBe('/epas/trace/log_cisco_cluster_manager__2026-11-25-10h00m00s.tar.gz');
    expect(parseBuildLog('Invalid log name: x\nExecuted command unsuccessfully\n')).toBeUndefined();
  });

  it('reads file get activelog: files affected and completion', () => {
    const text = ['Please wait while the system is gathering files info ...done.', 'Number of files affected: 3', 'Total size in Bytes: 1200', 'Total size in Kbytes: 1.17', 'Would you like to proceed [y/n]? y', 'SFTP server IP: 127.0.0.1', 'Transfer completed: 3 file(s) to /in/imp-pub/active on 127.0.0.1', ''].join('\n');
    expect(parseFileGet(text)).toEqual({ files: 3, completed: true });
    expect(parseFileGet('Number of files affected: 2\nOperation cancelled\n')).toEqual({ files: 2, completed: false });
    expect(parseFileGet('No files matched\n')).toBeUndefined();
  });

  it('finds the reason of "Executed command unsuccessfully"', () => {
    expect(cliFailure('No such file or directory: activelog/x\nExecuted command unsuccessfully\n')).toBe('No such file or directory: activelog/x');
    expect(cliFailure('dir count = 0, file count = 0\n')).toBeUndefined();
    expect(activelogPath('/var/log/active/epas/trace/a.log')).toBe('/epas/trace/a.log');
    expect(activelogPath('epas//trace/')).toBe('/epas/trace');
  });
});

describe('utils core active list', () => {
  it('reads rows in KB/MB with thousands, a name or a path; the time from the name when it carries one', () => {
    const text = ['        Size           Date            Core File Name', '='.repeat(72), '  355,732 KB   2026-12-05 11:12:43   core.62323.6.esp.1796469163', '2 MB   2026-12-06 01:00:00   /var/log/active/core/core.1.11.jsm', ''].join('\n');
    expect(parseCoreActiveList(text)).toEqual([
      { name: 'core.62323.6.esp.1796469163', path: '/core/core.62323.6.esp.1796469163', size: 355_732 * 1024, modifiedMs: 1_796_469_163_000 },
      { name: 'core.1.11.jsm', path: '/core/core.1.11.jsm', size: 2 * 1024 ** 2, modifiedMs: Date.UTC(2026, 11, 6, 1) },
    ]);
    expect(parseCoreActiveList('No core files found\n')).toEqual([]);
    expect(parseCoreActiveList('Executed command unsuccessfully\n')).toBeUndefined();
  });

  it('quotes CLI words only when needed, escaping quotes and leaving backslashes', () => {
    expect(quoteCliArg('say "hi" there')).toBe('"say \\"hi\\" there"');
    expect(quoteCliArg('epas/trace/xcp/log')).toBe('epas/trace/xcp/log');
    expect(quoteCliArg('\\d+ ms')).toBe('"\\d+ ms"');
  });
});
