import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The demo console against the PostgreSQL-backed server (`npm run demo:postgres`,
// which sets VITE_THREATDECK_API_URL and VITE_THREATDECK_DEV_API_KEY). The port is
// fixed (strictPort) because the server's CORS allowlist names this exact origin.
export default defineConfig({
  root: resolve(import.meta.dirname, 'postgres'),
  base: './',
  plugins: [react()],
  server: { host: '127.0.0.1', port: Number(process.env.THREATDECK_DEMO_PORT ?? 5174), strictPort: true, open: false },
});
