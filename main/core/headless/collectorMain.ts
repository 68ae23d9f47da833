// Entry point of `npm run collector -- [--config FILE] [--metrics-port N]`: the headless collector for a NOC server.
// Options are parsed by commander (collectorArgs.ts); bad usage exits 2 with the usage, a bad config or a failed
// start exits 1 with one line.
import { USAGE_EXIT_CODE } from '../base/commandLine.js';
import { AppError } from '../base/errors.js';
import { loadCollectorConfig } from '../collector/collectorConfig.js';
import { assertInlineSecretsPrivate } from './inlineSecrets.js';
import { collectorUsage, parseCollectorArgs } from './collectorArgs.js';
import { startHeadlessCollector, type HeadlessCollector } from './headlessCollector.js';

function fail(err: unknown, exitCode: number): never {
  const message = err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  console.error(`collector: ${message}`);
  process.exit(exitCode);
}

let running: HeadlessCollector | undefined;
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`collector: ${signal}, stopping`);
  try {
    await running?.dispose();
  } catch (err) {
    console.error(`collector: error while stopping: ${(err as Error).message}`);
    process.exitCode = 1;
  }
  console.log('collector: stopped');
}

process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

let args: ReturnType<typeof parseCollectorArgs> | undefined;
try {
  args = parseCollectorArgs(process.argv.slice(2));
} catch (err) {
  fail(err, USAGE_EXIT_CODE);
}
try {
  if (args.help) {
    console.log(collectorUsage());
  } else {
    const config = args.configPath ? loadCollectorConfig(args.configPath) : undefined;
    if (config && args.configPath) assertInlineSecretsPrivate(args.configPath, config);
    running = await startHeadlessCollector({
      ...(config ? { config, configPath: args.configPath } : {}),
      ...(args.metricsPort !== undefined ? { metricsPort: args.metricsPort } : {}),
      log: (line) => console.log(`collector: ${line}`),
    });
    if (stopping) await running.dispose();
  }
} catch (err) {
  fail(err, 1);
}
