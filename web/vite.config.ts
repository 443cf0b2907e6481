// Vite build of the web client: web/src → web/dist, served by the Fastify server at `/`.
// In development (`npx vite web`), /api is proxied to a server on PORT (default 8080).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT || 8080}` },
  },
});
