/** The demo's data, started when this module is evaluated: the entry imports it first (see main.tsx). */
import { startDemoBackend } from './demoBackend';

export const backend = startDemoBackend(new URLSearchParams(window.location.search));
