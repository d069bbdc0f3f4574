/**
 * The demo's entry. Its first import starts the data (startedBackend.ts):
 * modules run in import order, so the adapter worker starts, or the page's
 * first chunk is generated, before the console's modules are even evaluated
 * (DemoConsole.tsx; see it for the switches in the URL).
 */
import { backend } from './startedBackend';
import { mountDemo } from './DemoConsole';

mountDemo(document.getElementById('root')!, backend);
