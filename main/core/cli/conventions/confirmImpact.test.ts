import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cliIo.js';
import { confirmImpact } from './confirmImpact.js';

function io(interactive: boolean, typed?: string): { io: CliIo; err: () => string } {
  const stdin = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (c: Buffer) => chunks.push(c));
  if (typed !== undefined) stdin.end(typed);
  return { io: { stdin, stdout: new PassThrough(), stderr, env: {}, interactive }, err: () => Buffer.concat(chunks).toString('utf8') };
}

describe('confirmImpact', () => {
  it('asks at a terminal, naming the impact; only y or yes confirms', async () => {
    for (const [typed, want] of [['y\n', 'confirmed'], ['YES\n', 'confirmed'], ['n\n', 'declined'], ['\n', 'declined'], ['maybe\n', 'declined'], ['', 'declined']] as const) {
      const t = io(true, typed);
      expect(await confirmImpact(t.io, 'Restoring IM&P onto imp-pub: its data is replaced.', false), JSON.stringify(typed)).toBe(want);
      expect(t.err()).toContain('Restoring IM&P onto imp-pub: its data is replaced.\nProceed? [y/N]: ');
    }
  });

  it('--yes prints the impact and asks nothing; without a terminal and without --yes nothing is confirmed', async () => {
    const yes = io(false);
    expect(await confirmImpact(yes.io, 'Deleting device D.', true)).toBe('confirmed');
    expect(yes.err()).toBe('Deleting device D.\n');
    const script = io(false, 'y\n');
    expect(await confirmImpact(script.io, 'Deleting device D.', false)).toBe('noTerminal');
    expect(script.err()).toBe('');
  });
});
