// Renderer unit tests (pure parts and stores over the fake bridge), run from the repository root:
//   npx vitest run --config renderer/vitest.config.ts
// The root vitest.config.ts does not include renderer/** yet; once it does, this file can go.
import { defineConfig } from 'vitest/config';

/** Vitest configuration of renderer/** (root = the current directory, the repository). */
export default defineConfig({
  test: { include: ['renderer/**/*.test.ts'], environment: 'node', pool: 'forks' },
});
