// Layer rules of DEVELOPERS.md and house-style.md section 5.3. Do not relax these rules.
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

const zones = [
  { target: './shared', from: ['./main', './preload', './renderer'], message: 'shared/ is the bottom layer (vscode "common").' },
  { target: './main/core', from: ['./main/app', './preload', './renderer'], message: 'core must run without Electron.' },
  { target: './main/app', from: ['./preload', './renderer'] },
  { target: './preload', from: ['./main', './renderer'] },
  { target: './renderer', from: ['./main', './preload'], message: 'Reach main only through the bridge.' },
  {
    target: './main/core/simulator',
    from: ['./main/core/polling', './main/core/alerts', './main/core/storage', './main/core/collector', './main/core/export'],
    message: 'The simulator is a separate device: talk to it over the network only.',
  },
  {
    target: ['./main/core/polling', './main/core/alerts', './main/core/storage', './main/core/collector', './main/core/export'],
    from: './main/core/simulator',
    message: 'Monitoring code never imports the simulator: talk to it over the network only.',
  },
  { target: './main/core/alerts', from: ['./main/core/polling'] },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.ci-results/**', 'release/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parser: tseslint.parser },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.main.json' } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value=/utils$/]", message: 'No utils grab-bags: name files after their responsibility.' }],
    },
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
