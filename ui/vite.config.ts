// Vite + Vitest configuration for the Shenbao UI.
// The Tauri shell loads `dist/` in production and http://localhost:1420 in development.
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
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
    // Element Plus is imported whole; the bundle is read from local disk, so a
    // large single chunk costs nothing over the network.
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
