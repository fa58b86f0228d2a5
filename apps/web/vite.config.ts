import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The canvas paints from the entry chunk; charts, the content library and the simulator (in its
// worker) arrive as separate chunks so the first paint does not wait for them (docs/web.md).
export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the build works from any path (a sub-folder, a file server, the e2e preview).
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'xyflow', test: /node_modules[\\/](@xyflow|d3-zoom|d3-drag|d3-selection|d3-transition|d3-interpolate|d3-color|d3-dispatch|d3-ease|d3-timer|zustand|classcat)[\\/]/ },
          ],
        },
      },
    },
  },
  preview: { host: '127.0.0.1' },
});
