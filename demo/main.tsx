/**
 * The demo's entry: starts the data (demoBackend.ts) first, then mounts the
 * console (DemoConsole.tsx), a chunk of its own that the browser fetches and
 * compiles meanwhile. See DemoConsole.tsx for the switches in the URL.
 */
import { startDemoBackend } from './demoBackend';

const consoleModule = import('./DemoConsole');
const backend = startDemoBackend(new URLSearchParams(window.location.search));
void consoleModule.then(({ mountDemo }) => mountDemo(document.getElementById('root')!, backend));
