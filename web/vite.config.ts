import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { reportPageSizes } from './bundle-sizes';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  // Vite prints each chunk's size; reportPageSizes adds what the report pages weigh in all.
  plugins: [react(), reportPageSizes()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Cheap phones: keep the first load small; map, charts and staff pages are lazy chunks.
    target: 'es2020',
    // recharts (figures page only) is the one large lazy chunk.
    chunkSizeWarningLimit: 450,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/media': apiServer,
      '/open311': apiServer,
      '/health': apiServer,
    },
  },
});
