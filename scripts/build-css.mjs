// Builds dist/styles.css: every stylesheet imported by src/styles/index.css,
// inlined in order and wrapped in `@layer threatdeck` so a host's own styles win
// without !important and nothing leaks outside the layer.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function inline(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  const css = readFileSync(file, 'utf8');
  return css.replace(/@import\s+['"]([^'"]+)['"]\s*;/g, (_, rel) => inline(resolve(dirname(file), rel), seen));
}

export function buildCss() {
  const body = inline(resolve(root, 'src/styles/index.css'));
  return `/* threatdeck styles: everything inside @layer threatdeck */\n@layer threatdeck {\n${body}\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(resolve(root, 'dist'), { recursive: true });
  writeFileSync(resolve(root, 'dist/styles.css'), buildCss());
  console.log('dist/styles.css written');
}
