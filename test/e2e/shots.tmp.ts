import { openView, startE2eSession } from './webModeHarness.js';
const s = await startE2eSession({ width: 1600, height: 1000 });
await new Promise((r) => setTimeout(r, 25000));
for (const v of process.argv.slice(2)) {
  await openView(s.page, v);
  await new Promise((r) => setTimeout(r, 4000));
  await s.page.screenshot({ path: `/tmp/shots/${v}.png` });
}
console.log('errors', s.consoleErrors);
await s.dispose();
process.exit(0);
