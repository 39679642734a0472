/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The app is served by ZenMoon under /app/ (web module, maven-war-plugin), next to the API at /api/v1.
export default defineConfig({
  base: '/app/',
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:8080', '/ws': { target: 'ws://localhost:8080', ws: true } } },
  plugins: [
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'ZenMoon',
        short_name: 'ZenMoon',
        description: "Your child's sleep, stress and tomorrow's idea, and the wearable's companion",
        start_url: '/app/',
        scope: '/app/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d3557',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-maskable.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,json}'],
        // The first visit is already served offline-ready: the new worker takes over the open page at once.
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: '/app/index.html',
        // API answers are never cached by the service worker: the app keeps its own "last seen" copy in IndexedDB,
        // marked as such when offline (src/parents/offline.ts).
        navigateFallbackDenylist: [/^\/api\//, /^\/ws\//],
      },
    }),
  ],
  test: { environment: 'node', include: ['test/**/*.test.ts'] },
});
