// Vite + Vitest configuration for the Shenbao UI.
// The Tauri shell loads `dist/` in production and http://localhost:1420 in development.
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  // Element Plus components are imported where a template uses them, not the whole library up
  // front: the home screen's first chunk parses and runs faster (the start bench,
  // tests/e2e/measure-start.mjs: 1.02 → 0.85 s to the first list). The services called from code
  // are installed in main.ts. The stylesheet stays one file, first, so the app's own styles win
  // (splitting it per component measured no faster).
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false })],
  // Relative asset URLs: the bundle is served from the app's own origin, never a remote one.
  base: './',
  // Keep Rust/Tauri output visible in the terminal.
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_'],
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    // The bundle is read from local disk: a large chunk costs nothing over the network.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // Fixed zone so local-time formatting is deterministic in tests.
    env: { TZ: 'Asia/Shanghai' },
    restoreMocks: true,
  },
})
