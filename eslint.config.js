// Layer rules of DEVELOPERS.md and house-style.md section 5.3. Do not relax these rules.
//
// Imports between folders are an ALLOW-LIST (as VS Code's `code-import-patterns`), checked by
// eslint-plugin-boundaries with `default: 'disallow'`: a file may import its own folder, and another folder only
// when a declaration below allows it. Every folder directly under main/core/ is its own element; a folder nobody
// declared in CORE_ALLOW may import nothing from the rest of main/core/ (only shared/) until it is declared here.
// test/integration/layerRules.test.ts generates a forbidden import for every declared folder (and an undeclared one)
// and expects this rule to refuse it.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Composition roots: they build the parts and wire them; the only main/core folders that may start the simulator. */
export const COMPOSITION_ROOTS = ['backend', 'headless', 'cli', 'server'];

/** The simulator's one door for composition roots (main/core/simulator/embeddedCluster.ts). */
export const SIMULATOR_STARTER = 'embeddedCluster.ts';

/** What a domain folder (a capability such as HA, Perfmon, jobs) may build on. */
const DOMAIN = ['base', 'polling', 'collector', 'credentials', 'storage', 'alerts'];

/** Every folder that holds parts; composition roots may wire any of them. */
const PARTS = [...DOMAIN, 'export', 'notify', 'receivers', 'transport', 'clusters', 'ha', 'perfmon', 'jobs',
  'controlCenter', 'traces', 'drs', 'reports', 'audit', 'operators'];

/**
 * What each main/core/<folder>/ may import besides itself and shared/ (which every folder may import).
 * A folder missing here may import nothing else. The simulator is in no list: it is reached only through
 * SIMULATOR_STARTER, by COMPOSITION_ROOTS (see the last policy below).
 */
export const CORE_ALLOW = {
  // The bottom of core: disposables, errors, emitters, backoff. Nothing else.
  base: [],
  // The simulated cluster, a separate device: it and the monitor meet only over sockets.
  simulator: ['base'],

  // Data plane.
  polling: ['base'],
  credentials: ['base'],
  collector: ['base', 'polling'],
  // sqlite/sqliteAlertStore implements alerts' AlertStore port (the port is alerts', the SQLite adapter storage's).
  storage: ['base', 'alerts'],
  export: ['base', 'storage'],
  receivers: ['base'],
  // Alert Central.
  alerts: ['base'],
  // The notification log is a table in history.db (storage's Database); the settings' secrets are in the credential store.
  notify: ['base', 'alerts', 'credentials', 'storage'],
  // The router shared by Electron IPC and web mode: it knows the contract (shared/), not the parts behind it.
  transport: ['base'],

  // Domain folders of issue 11 (moved out of backend/).
  clusters: DOMAIN,
  // HA commands (failover, fallback) run as jobs.
  ha: [...DOMAIN, 'jobs'],
  // Perfmon's CSV export is export/perfmonCsv.ts.
  perfmon: [...DOMAIN, 'export'],
  jobs: DOMAIN,
  // Service start/stop/restart run as jobs.
  controlCenter: [...DOMAIN, 'jobs'],

  // Folders of the next issues (12-16), declared now so that each starts from a reviewed list instead of
  // "nothing" or a copy of its neighbour's. Change a list in the same commit as the code that needs it.
  // Collections run as jobs (Job Status) on the collector's nodes (their SOAP/SSH targets).
  traces: ['base', 'polling', 'credentials', 'storage', 'collector', 'jobs'],
  // DRS is driven through the CUCM publisher's CLI (the collector's node targets); backups and restores are jobs;
  // their DRF alarms come from Alert Central; every change is an action record (audit/actionRecords.ts).
  drs: ['base', 'polling', 'credentials', 'collector', 'jobs', 'alerts', 'audit'],
  // Reports read the collector's nodes (SSH pool, SOAP transports, last polls); a report run is a job (Job Status).
  reports: ['base', 'polling', 'collector', 'jobs'],
  // The audit log is a table of history.db; its HMAC key is in the encrypted credential store (audit/auditKey.ts).
  audit: ['base', 'storage', 'credentials'],
  // Operator accounts and sessions (issue 16): tables of history.db (storage's Database); audited through base's AuditSink.
  operators: ['base', 'storage'],

  // Composition roots (COMPOSITION_ROOTS). The entry points on top (the `imp` command line, the server) may also
  // reuse what backend/ and headless/ wire.
  backend: PARTS,
  headless: PARTS.filter((f) => f !== 'transport'),
  cli: [...PARTS, 'backend', 'headless'],
  server: [...PARTS, 'backend'],
};

/** main/app (the Electron shell) may import these main/core folders; never the simulator. */
export const APP_ALLOW = ['backend', 'base', 'credentials', 'transport'];

/** Selects main/core/<folder>/ for any of the folders. */
const core = (folders) => ({ type: 'core', captured: { folder: folders.length === 1 ? folders[0] : `{${folders.join(',')}}` } });
const layer = (type) => ({ type });

const policies = [
  // Top-level layers: shared ← main/core ← main/app; preload exposes; the renderer sees shared/ only.
  { from: { element: layer('shared') }, allow: { to: { element: layer('shared') } } },
  { from: { element: layer('core') }, allow: { to: { element: layer('shared') } } },
  { from: { element: layer('app') }, allow: { to: { element: [layer('shared'), core(APP_ALLOW)] } } },
  { from: { element: layer('preload') }, allow: { to: { element: layer('shared') } } },
  { from: { element: layer('renderer') }, allow: { to: { element: layer('shared') } } },
  // main/core folders, one allow-list each.
  ...Object.entries(CORE_ALLOW)
    .filter(([, allowed]) => allowed.length > 0)
    .map(([folder, allowed]) => ({ from: { element: core([folder]) }, allow: { to: { element: core(allowed) } } })),
  // Composition roots start the simulated cluster through its one door, and nothing else of it.
  {
    from: { element: core(COMPOSITION_ROOTS) },
    allow: { to: { element: { ...core(['simulator']), fileInternalPath: SIMULATOR_STARTER } } },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.ci-results/**', 'release/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error',
        { selector: "ImportDeclaration[source.value=/utils$/]", message: 'No utils grab-bags: name files after their responsibility.' },
        // The layer lint sees only imports it can read: a computed import() or a require() made with createRequire
        // for a file of ours would pass it unseen (a package, like ssh2's internals, stays allowed).
        { selector: "ImportExpression[source.type!='Literal']", message: 'import() with a computed path escapes the layer lint: import a literal path.' },
        { selector: "CallExpression[callee.type='CallExpression'][callee.callee.name='createRequire'][arguments.0.type!='Literal']", message: 'require() with a computed path escapes the layer lint.' },
        { selector: "CallExpression[callee.type='CallExpression'][callee.callee.name='createRequire'][arguments.0.value=/^\\./]", message: 'require() of a local file escapes the layer lint: import it.' },
      ],
    },
  },
  // The composition test loads the lint config it checks by its path: the one computed import allowed.
  {
    files: ['test/integration/layerRules.test.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value=/utils$/]", message: 'No utils grab-bags: name files after their responsibility.' }] },
  },
  {
    files: ['**/*.{ts,tsx}'],
    // Tests may import anything, the simulator included.
    ignores: ['**/*.test.{ts,tsx}', 'test/**'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.main.json' } },
      'boundaries/elements': [
        { type: 'shared', pattern: 'shared', partialMatch: false },
        { type: 'core', pattern: 'main/core/*', capture: ['folder'], partialMatch: false },
        { type: 'app', pattern: 'main/app', partialMatch: false },
        { type: 'preload', pattern: 'preload', partialMatch: false },
        { type: 'renderer', pattern: 'renderer', partialMatch: false },
        { type: 'test', pattern: 'test', partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        // A local import of a file outside every element above (a config file, build/) is refused too.
        checkUnknownLocals: true,
        message: '{{from.element.path}}/ may not import {{#if to.element.path}}{{to.element.path}}/{{to.element.fileInternalPath}}{{else}}{{dependency.source}} (unresolved, or outside every layer){{/if}}: not in its allow-list (eslint.config.js).',
        policies,
      }],
    },
  },
  // A file outside every element (directly in main/ or main/core/) would escape the allow-list above: refused.
  {
    files: ['main/**/*.{ts,tsx}', 'shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}', 'preload/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'boundaries/no-unknown-files': 'error' },
  },
  // Disjoint file sets, because a later block would replace (not merge) this rule's options.
  {
    files: ['main/core/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/app and preload import electron.' }] }] },
  },
  {
    files: ['shared/**', 'renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Use the bridge.' }],
        patterns: [{ group: ['node:*', 'fs', 'net', 'dgram', 'child_process', 'net-snmp', 'ssh2', 'better-sqlite3'], message: 'No Node APIs outside main/.' }],
      }],
    },
  },
);
