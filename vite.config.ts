// Builds the browser app: React, the service worker and web manifest (vite-plugin-pwa),
// and the dev proxy to the sync server so app and API share one origin.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const NODE_MODULES = path.resolve(import.meta.dirname, 'node_modules');
const API_TARGET = process.env.CLEARWAY_API ?? 'http://localhost:3000';

export default defineConfig({
  resolve: {
    alias: [
      // GOV.UK and MoJ Frontend images, bundled from the packages (see src/app/styles.scss).
      // MoJ Frontend points GOV.UK Frontend at its own images folder, which lacks the crest.
      {
        find: /^@moj-assets\/images\/govuk-crest\.svg$/,
        replacement: `${NODE_MODULES}/govuk-frontend/dist/govuk/assets/images/govuk-crest.svg`,
      },
      { find: /^@moj-assets\//, replacement: `${NODE_MODULES}/@ministryofjustice/frontend/moj/assets/` },
    ],
  },
  css: {
    preprocessorOptions: { scss: { quietDeps: true, loadPaths: [import.meta.dirname] } },
    // GOV.UK Frontend carries one IE-era media hack that lightningcss cannot parse; skip that rule.
    lightningcss: { errorRecovery: true },
  },
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: 'Clearway casework',
        short_name: 'Clearway',
        description: 'Freedom of information, subject access and correspondence casework that works offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d70b8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // pdf.js brings its worker (.mjs), wasm decoders, standard fonts and CMaps as hashed
        // assets: precache them all so any document opens offline.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,woff,woff2,ico,wasm,bcmap,pfb,ttf}'],
        // The pdf.js worker is several MB; precache it so documents open offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: {
    port: 5173,
    proxy: { '/api': { target: API_TARGET, changeOrigin: false, ws: false } },
  },
});
