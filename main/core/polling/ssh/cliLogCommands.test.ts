import { describe, expect, it } from 'vitest';
import { parseCoreActiveList, parseFileListDetail, parseFileSearch, quoteCliArg } from './cliLogCommands.js';

describe('admin CLI log command parsers', () => {
  it('reads file list activelog … detail (directories, sizes with thousands, UTC stamps)', () => {
    const text = ['06 Dec,2026 09:00:00         <dir>  sdi', '06 Dec,2026 08:00:01       262,144  rtr-jsm-1000001.log.gz', '06 Dec,2026 09:10:00             0  rtr-jsm-1000004.log', 'dir count = 1, file count = 2', ''].join('\n');
    expect(parseFileListDetail(text, '/epas/trace/xcp/log')).toEqual([
      { path: '/epas/trace/xcp/log/sdi', name: 'sdi', kind: 'directory', size: 0, modifiedMs: Date.UTC(2026, 11, 6, 9) },
      { path: '/epas/trace/xcp/log/rtr-jsm-1000001.log.gz', name: 'rtr-jsm-1000001.log.gz', kind: 'file', size: 262_144, modifiedMs: Date.UTC(2026, 11, 6, 8, 0, 1) },
      { path: '/epas/trace/xcp/log/rtr-jsm-1000004.log', name: 'rtr-jsm-1000004.log', kind: 'file', size: 0, modifiedMs: Date.UTC(2026, 11, 6, 9, 10) },
    ]);
    expect(parseFileListDetail('06 Dec,2026 09:00:00         <dir>  epas\n', '/')[0]!.path).toBe('/epas');
  });

  it('reads file search activelog output into file and line', () => {
    const text = ['Searching path: /var/log/active/epas/trace/xcp/log', 'Searching file: /var/log/active/epas/trace/xcp/log/a.log.gz', '2026-12-06T09:00:00.000Z INFO x', 'Searching file: /var/log/active/epas/trace/xcp/log/b.log', 'Searching file: /var/log/active/epas/trace/xcp/log/c.log', 'line c', 'Search completed', ''].join('\n');
    expect(parseFileSearch(text)).toEqual([
      { path: '/epas/trace/xcp/log/a.log.gz', text: '2026-12-06T09:00:00.000Z INFO x' },
      { path: '/epas/trace/xcp/log/c.log', text: 'line c' },
    ]);
  });

  it('reads utils core active list rows (size units, stamp, name or path)', () => {
    const text = ['Size         Date            Core File Name', '=====================================================', '355,732 KB   2026-12-05 11:12:43   core.62323.6.esp.1764933163', '2 MB   2026-12-06 01:00:00   /var/log/active/core/core.1.11.jsm.1', ''].join('\n');
    expect(parseCoreActiveList(text)).toEqual([
      { name: 'core.62323.6.esp.1764933163', path: '/core/core.62323.6.esp.1764933163', size: 355_732 * 1024, modifiedMs: Date.UTC(2026, 11, 5, 11, 12, 43) },
      { name: 'core.1.11.jsm.1', path: '/core/core.1.11.jsm.1', size: 2 * 1024 ** 2, modifiedMs: Date.UTC(2026, 11, 6, 1) },
    ]);
    expect(parseCoreActiveList('No core files found\n')).toEqual([]);
    expect(quoteCliArg('say "hi" there')).toBe('"say \\"hi\\" there"');
  });
});
