import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: server, ws: true },
      '/health': server,
      '/ready': server,
      '/api': server,
    },
  },
  build: {
    rollupOptions: {
      output: {
        // React, the router and the API client in one long-cached chunk; drag and drop only with
        // the screens that use it, so the first load stays small.
        manualChunks: (id) => (id.includes('node_modules') && !id.includes('@dnd-kit') ? 'vendor' : undefined),
      },
    },
  },
});
