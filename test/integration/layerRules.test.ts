import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture rules of DEVELOPERS.md are enforced by lint (eslint.config.js), not goodwill:
// these cases lint code placed in each layer and expect the rule to fire (or not).
const eslint = new ESLint({ cwd: process.cwd() });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it.each([
    ['monitoring code importing the simulator', 'main/core/polling/probe.ts', "import { SimScheduler } from '../simulator/clock/simScheduler.js';\nexport const x = SimScheduler;\n", /restricted zone/],
    ['the simulator importing monitoring code', 'main/core/simulator/probe.ts', "import { PollScheduler } from '../collector/pollScheduler.js';\nexport const x = PollScheduler;\n", /restricted zone/],
    ['electron in main/core', 'main/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /electron/],
    ['Node APIs in shared/', 'shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /No Node APIs/],
    ['main code in the renderer', 'renderer/probe.ts', "import { AppError } from '../main/core/base/errors.js';\nexport const x = AppError;\n", /restricted zone/],
    ['shared importing main', 'shared/probe2.ts', "import { AppError } from '../main/core/base/errors.js';\nexport const x = AppError;\n", /restricted zone/],
  ])('refuses %s', async (_label, file, code, pattern) => {
    const messages = await lint(file, code);
    expect(messages.join('\n')).toMatch(pattern);
  });

  it('allows shared types in the renderer and base pieces in the simulator', async () => {
    expect(await lint('renderer/probe3.ts', "import type { Sample } from '../shared/model/sample.js';\nexport type X = Sample;\n")).toEqual([]);
    expect(await lint('main/core/simulator/probe4.ts', "import { Emitter } from '../base/emitter.js';\nexport const x = Emitter;\n")).toEqual([]);
  });
});
