import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * `npm run build -w dashboard` -> dist/ (served by the platform). `npm run dev -w dashboard` -> the Vite dev
 * server on :5173 with hot reload, proxying /api (and the live feed's WebSocket) to a running platform at
 * DASHBOARD_DEV_API (default http://127.0.0.1:8080). The proxy presents the platform's own origin, so the
 * platform's Origin check and SameSite cookies work unchanged.
 */
const api = process.env['DASHBOARD_DEV_API'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': {
        target: api,
        changeOrigin: true,
        ws: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => req.setHeader('origin', api));
          proxy.on('proxyReqWs', (req) => req.setHeader('origin', api));
        },
      },
    },
  },
});
