import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insideRoots, requireInsideRoots } from './localRoots.js';

describe('localRoots', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'local-roots-'));
    dirs.push(d);
    return d;
  };

  it('takes the roots and what is under them, also still to be made; refuses .. and links out of them', () => {
    const data = fresh();
    const bundles = join(data, 'bundles');
    mkdirSync(bundles);
    writeFileSync(join(data, 'credentials.key'), 'k');
    expect(insideRoots(bundles, [bundles])).toBe(true);
    expect(insideRoots(join(bundles, 'a', 'b.zip'), [bundles])).toBe(true);
    expect(insideRoots(join(bundles, '..', 'credentials.key'), [bundles])).toBe(false);
    expect(insideRoots(`${bundles}-other`, [bundles])).toBe(false);
    expect(insideRoots(data, [bundles])).toBe(false);
    symlinkSync(join(data, 'credentials.key'), join(bundles, 'link.log'));
    symlinkSync(data, join(bundles, 'up'));
    expect(insideRoots(join(bundles, 'link.log'), [bundles])).toBe(false);
    expect(insideRoots(join(bundles, 'up', 'new-folder'), [bundles])).toBe(false);
    expect(() => requireInsideRoots(join(data, 'credentials.key'), [bundles], 'file path')).toThrow(expect.objectContaining({ code: 'IPC_FORBIDDEN' }));
    // No roots (desktop, --web): any path.
    expect(() => requireInsideRoots(join(data, 'credentials.key'), undefined, 'file path')).not.toThrow();
  });
});
