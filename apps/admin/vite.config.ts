import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const apiTarget = process.env['RMA_API_URL'] ?? 'http://127.0.0.1:3200';

export default defineConfig({
  base: '/',
  plugins: [vue()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // The framework in one long-cached chunk; pages stay in their own lazy chunks.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/ }],
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'test/unit/**/*.spec.ts'],
    restoreMocks: true,
  },
});
