import { describe, expect, it } from 'vitest';
import type { TraceCollectionStatus, TraceNodeProgress } from '../../../../shared/model/traces.js';
import { endLines, ProgressLines } from './traceProgressLines.js';

const node = (over: Partial<TraceNodeProgress>): TraceNodeProgress => ({ cluster: 'sim', node: 'imp-pub', state: 'fetching', files: 4, filesDone: 1, bytesTotal: 256 * 1048576, bytesDone: 64 * 1048576, bytesPerSec: 95_300_000, etaSec: 2.1, ...over });
const status = (over: Partial<TraceCollectionStatus>): TraceCollectionStatus => ({
  id: 'c1', label: 'big', state: 'running', trigger: { kind: 'manual' }, startedAtMs: 0, workDir: '/out/big.collecting',
  request: { nodes: [], range: { kind: 'relative', amount: 1, unit: 'hours' }, archive: 'zip', outDir: '/out' },
  nodes: [node({})], files: [], fileCount: 4, bytesTotal: 0, bytesDone: 0, bytesPerSec: 0, skipped: [], ...over,
});

describe('imp traces progress lines', () => {
  it('prints state changes at once and a moving node every 2 s', () => {
    let now = 0;
    const lines: string[] = [];
    const p = new ProgressLines((l) => lines.push(l), () => now);
    p.update(status({ state: 'running' }));
    expect(lines).toEqual(['collection big running… (work folder /out/big.collecting)', 'sim/imp-pub fetching: 1/4 files, 64.0/256.0 MiB, 95.3 MB/s, ETA 3 s']);
    now = 1000;
    p.update(status({}));
    expect(lines).toHaveLength(2);
    now = 2000;
    p.update(status({ nodes: [node({ filesDone: 2, bytesDone: 128 * 1048576, etaSec: 75 })] }));
    expect(lines[2]).toBe('sim/imp-pub fetching: 2/4 files, 128.0/256.0 MiB, 95.3 MB/s, ETA 1 min 15 s');
    now = 2500;
    p.update(status({ state: 'packing', nodes: [node({ state: 'done', filesDone: 4, bytesDone: 256 * 1048576 })] }));
    expect(lines.slice(3)).toEqual(['collection big packing… (work folder /out/big.collecting)', 'sim/imp-pub done: 4/4 files, 256.0/256.0 MiB']);
  });

  it('ends with what was skipped and the totals', () => {
    const s = status({ state: 'partial', endedAtMs: 12_300, bytesDone: 3 * 1048576, skipped: [{ cluster: 'sim', node: 'imp-sub1', path: '/epas/trace/x.log', reason: 'POLL_CONNECT: refused' }] });
    expect(endLines(s)).toEqual(['skipped sim/imp-sub1 /epas/trace/x.log: POLL_CONNECT: refused', 'collection big partial in 12.3 s: 4 files, 3.0 MiB']);
  });
});
