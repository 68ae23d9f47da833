/**
 * Memory of the Chromium renderer process that runs a page, read from Linux: VmRSS of /proc/<pid>/status (resident
 * memory, shared pages counted in full) and Pss of /proc/<pid>/smaps_rollup (shared pages divided among the
 * processes that map them). Chromium tells which processes are renderers and their CPU time (CDP
 * SystemInfo.getProcessInfo on the browser session); the page's own renderer is the non-WebUI renderer that used the
 * most CPU (the app page draws charts all the time; the others are idle helpers). Every renderer's figures are
 * returned too, so the pick can be checked.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/** Memory of one process, MB (10^6 bytes). */
export interface ProcessMemory {
  readonly pid: number;
  readonly rssMb: number;
  readonly pssMb: number;
  readonly cpuSec: number;
  /** Chromium's --type and, for renderers, whether it is a WebUI one. */
  readonly kind: string;
}

function kbField(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

/** VmRSS and Pss of a process (NaN where Linux does not give them). */
export function processMemory(pid: number): { rssMb: number; pssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  let pss = Number.NaN;
  try {
    pss = kbField(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
  } catch {
    // smaps_rollup needs Linux 4.14 and the right to read the process; RSS stays.
  }
  return { rssMb: (kbField(status, 'VmRSS') * 1024) / 1e6, pssMb: (pss * 1024) / 1e6 };
}

/** The renderer processes of a browser, with their memory; `page` is the one judged to run the app page. */
export async function rendererMemory(browserCdp: CDPSession): Promise<{ page: ProcessMemory; all: ProcessMemory[] }> {
  const info = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  const all: ProcessMemory[] = [];
  for (const p of info.processInfo.filter((x) => x.type === 'renderer')) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${p.id}/cmdline`, 'utf8');
    } catch {
      continue; // ended since Chromium listed it
    }
    all.push({ pid: p.id, cpuSec: p.cpuTime, kind: cmd.includes('--top-chrome-webui') ? 'renderer (webui)' : 'renderer', ...processMemory(p.id) });
  }
  const candidates = all.filter((p) => p.kind === 'renderer').sort((a, b) => b.cpuSec - a.cpuSec);
  const page = candidates[0];
  if (!page) throw new Error('no renderer process found');
  return { page, all };
}
