/**
 * Builds the Storybook and the demo once, serves both on loopback, and hands
 * their URLs to the tests. Set E2E_REUSE_BUILD=1 to skip rebuilding locally.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveFolder } from './staticServer';

const root = resolve(import.meta.dirname, '../../..');

function build(what: string, outDir: string, args: string[]) {
  if (process.env.E2E_REUSE_BUILD === '1' && existsSync(resolve(root, outDir, 'index.html'))) return;
  const started = Date.now();
  // Vitest runs with NODE_ENV=test, which Vite would take for a development build (jsxDEV, React's
  // development bundle, ~1.17 MB of demo script instead of ~0.88 MB): test what a host ships.
  execFileSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', STORYBOOK_DISABLE_TELEMETRY: '1' } });
  console.log(`[e2e] built ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  build('storybook', 'storybook-static', ['storybook', 'build', '--quiet', '-o', 'storybook-static']);
  build('demo', 'demo/dist', ['vite', 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn']);
  const storybook = await serveFolder(resolve(root, 'storybook-static'));
  const demo = await serveFolder(resolve(root, 'demo/dist'));
  project.provide('storybookUrl', storybook.url);
  project.provide('demoUrl', demo.url);
  return async () => {
    await storybook.close();
    await demo.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    storybookUrl: string;
    demoUrl: string;
  }
}
