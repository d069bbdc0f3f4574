// Packaging proven on the packed tarball, not by eye:
//  1. publint and @arethetypeswrong/cli pass on the tarball;
//  2. a throwaway consumer outside src imports the BUILT package with import and require
//     (root and /testing, plus styles.css is shipped and layered);
//  3. renderToString of the provider with a component inside runs in plain Node
//     without touching window or document.
// Run after `npm run build` (the `test:package` script does both).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const work = resolve(root, '.tmp/package-check');
let failures = 0;
let passes = 0;
const check = (name, fn) => {
  try {
    fn();
    passes++;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    failures++;
    console.log(`  ✗ ${name}\n${String(error.stdout ?? '')}${String(error.stderr ?? '')}${error.message}`);
  }
};
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: 'pipe', timeout: 180_000, ...opts });

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
console.log('package checks');
const packJson = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
const tarball = resolve(work, packJson[0].filename);

check('publint passes on the tarball (strict)', () => {
  const out = run('npx', ['--no-install', 'publint', '--strict', '--pack', 'npm']);
  if (/error|warning/i.test(out) && !/All good/i.test(out)) throw new Error(out);
});

// node10 resolution cannot see subpath exports; /testing is declared for node10
// through typesVersions, so no rule is waived.
check('@arethetypeswrong/cli passes on the tarball', () => {
  // styles.css has no types by nature; it is the only entry point excluded.
  run('npx', ['--no-install', 'attw', tarball, '--format', 'ascii', '--exclude-entrypoints', './styles.css']);
});

// The consumer lives under .tmp inside the project so the package's own
// dependencies resolve from the project's node_modules, like a real install.
const consumer = resolve(work, 'consumer');
const installed = resolve(consumer, 'node_modules/threatdeck');
mkdirSync(installed, { recursive: true });
run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
writeFileSync(resolve(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));

writeFileSync(
  resolve(consumer, 'esm.mjs'),
  `import * as td from 'threatdeck';
import * as testing from 'threatdeck/testing';
const need = ['ThreatDeckProvider', 'createMemoryAdapter', 'generateDemoDataset', 'toCurl', 'toBurp', 'queryToSearchParams'];
const missing = need.filter((n) => typeof td[n] !== 'function');
if (missing.length) throw new Error('missing root exports: ' + missing.join(', '));
if (typeof testing.runAdapterContract !== 'function') throw new Error('missing runAdapterContract');
console.log('esm ok', Object.keys(td).length, 'exports');
`,
);
writeFileSync(
  resolve(consumer, 'cjs.cjs'),
  `const td = require('threatdeck');
const testing = require('threatdeck/testing');
if (typeof td.ThreatDeckProvider !== 'function' || typeof td.toCurl !== 'function') throw new Error('cjs root exports missing');
if (typeof testing.runAdapterContract !== 'function') throw new Error('cjs testing export missing');
console.log('cjs ok');
`,
);
writeFileSync(
  resolve(consumer, 'ssr.mjs'),
  `// Plain Node has no window or document: any touch of them during import or
// SSR throws a ReferenceError and fails this check.
if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('not plain Node');
const React = await import('react');
const { renderToString } = await import('react-dom/server');
const td = await import('threatdeck');
const adapter = td.createMemoryAdapter({ seed: 1, activities: 50, live: false });
const inner = td.ThreatActivityView ? React.createElement(td.ThreatActivityView, {})
  : td.ThreatActivityList ? React.createElement(td.ThreatActivityList, {})
  : React.createElement('p', null, 'no component yet');
const html = renderToString(React.createElement(td.ThreatDeckProvider, { adapter }, inner));
if (!html.includes('threatdeck-root')) throw new Error('provider did not render');
console.log('ssr ok', html.length, 'chars');
// The query cache's garbage-collection timers would keep this script alive; the render is done.
process.exit(0);
`,
);

check('built package imports with ESM import (root and /testing)', () => run('node', ['esm.mjs'], { cwd: consumer }));
check('built package loads with CommonJS require (root and /testing)', () => run('node', ['cjs.cjs'], { cwd: consumer }));
check('renderToString of the provider with a component runs without window/document', () => run('node', ['ssr.mjs'], { cwd: consumer }));
check('styles.css is shipped inside @layer threatdeck', () => {
  const css = readFileSync(resolve(installed, 'dist/styles.css'), 'utf8');
  if (!css.includes('@layer threatdeck {')) throw new Error('no @layer');
  if (/!important/.test(css)) throw new Error('!important found');
  if (/^\s*(html|body|:root|\*)\s*[{,]/m.test(css)) throw new Error('global selector outside .td-root');
});
check('every JS file starts with the use client banner', () => {
  for (const f of ['dist/esm/index.js', 'dist/esm/components/ThreatActivityList/index.js', 'dist/index.cjs']) {
    const head = readFileSync(resolve(installed, f), 'utf8').slice(0, 40);
    if (!head.includes('use client')) throw new Error(f + ' lacks banner');
  }
});

console.log(`\n${passes} passed, ${failures} failed`);
if (!existsSync(tarball) || failures > 0) process.exit(1);
