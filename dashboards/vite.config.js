import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// One HTML page per dashboard; src/Api serves dist/ (pages at /, /workbench, /console, /citizen, /screen; bundles under /assets).
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // @microsoft/signalr's /*#__PURE__*/ comments sit where rollup cannot use them: harmless, not worth a line per build.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        workbench: resolve(import.meta.dirname, 'workbench.html'),
        console: resolve(import.meta.dirname, 'console.html'),
        citizen: resolve(import.meta.dirname, 'citizen.html'),
        screen: resolve(import.meta.dirname, 'screen.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a server started by scripts/run.sh.
    proxy: { '/api': 'http://127.0.0.1:5080', '/hubs': { target: 'http://127.0.0.1:5080', ws: true } },
  },
});
