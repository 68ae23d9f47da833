import { describe, expect, it } from 'vitest';
import { ScriptedIo } from './fixtures/cliHarness.js';
import { pageOutput, pagerLine } from './pager.js';

const text = Array.from({ length: 45 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('pageOutput', () => {
  it('shows a page, the UC OS pager line, and the next page on n', async () => {
    const io = new ScriptedIo(['n', 'q']);
    await pageOutput(io, text, { enabled: true, pageLines: 20 });
    expect(io.questions).toEqual([pagerLine(1, 20, 45), pagerLine(21, 40, 45)]);
    expect(io.questions[0]).toBe('options: q=quit, n=next, p=prev, b=begin, e=end (lines 1 - 20 of 45) : ');
    expect(io.text).toContain('line 40\n');
    expect(io.text).not.toContain('line 41\n');
  });

  it('jumps to the last page with e (which ends the output) and back to the beginning with b', async () => {
    const end = new ScriptedIo(['e']);
    await pageOutput(end, text, { enabled: true, pageLines: 20 });
    expect(end.questions).toEqual([pagerLine(1, 20, 45)]);
    expect(end.text.endsWith(`${pagerLine(1, 20, 45)}${Array.from({ length: 20 }, (_, i) => `line ${i + 26}\n`).join('')}`)).toBe(true);
    const back = new ScriptedIo(['n', 'b', 'p', 'q']);
    await pageOutput(back, text, { enabled: true, pageLines: 20 });
    expect(back.questions).toEqual([pagerLine(1, 20, 45), pagerLine(21, 40, 45), pagerLine(1, 20, 45), pagerLine(1, 20, 45)]);
  });

  it('stops after the last page without a prompt unless it is file view', async () => {
    const plain = new ScriptedIo(['', '']);
    await pageOutput(plain, text, { enabled: true, pageLines: 20 });
    expect(plain.questions).toHaveLength(2);
    expect(plain.text).toContain('line 45\n');
    const view = new ScriptedIo(['q']);
    await pageOutput(view, 'a\nb\nc\n', { enabled: true, pageLines: 20, endOfFilePrompt: true });
    expect(view.text).toBe('a\nb\nc\nend of the file reached\noptions: q=quit, n=next, p=prev, b=begin, e=end (lines 1 - 3 of 3) : ');
  });

  it('writes everything at once when disabled, and quits when the channel ends', async () => {
    const off = new ScriptedIo();
    await pageOutput(off, text, { enabled: false, pageLines: 20 });
    expect(off.text).toBe(text);
    const closed = new ScriptedIo();
    await pageOutput(closed, text, { enabled: true, pageLines: 20 });
    expect(closed.questions).toHaveLength(1);
  });
});
