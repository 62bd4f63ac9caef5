import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.CHANNEL_CENTER_API ?? 'http://localhost:8080';

/** Fluent UI foundations (styling engine, theme, focus management, icons) shared by every component. */
const FLUENT_CORE =
  /\/node_modules\/(@griffel|@floating-ui|@emotion|tabster|keyborg|stylis|rtl-css-js|@fluentui\/(react-icons|tokens|react-theme|react-utilities|react-shared-contexts|react-jsx-runtime|keyboard-keys|react-context-selector|react-tabster|react-aria|react-motion|react-portal|react-positioning))\//;

/** Fluent UI form controls (inputs, pickers, choices), apart from the other components. */
const FLUENT_FORMS =
  /\/node_modules\/@fluentui\/(react-(combobox|spinbutton|switch|radio|checkbox|textarea|input|field|select|slider|label|infolabel|search|tag-picker|tags|rating|color-picker|swatch-picker))\//;

/** The charts library and what only it uses (d3): its own chunk, loaded with the one page that draws a chart. */
const CHARTS = /\/node_modules\/(@fluentui\/(react-charts|chart-utilities|set-version)|d3-[\w-]+|internmap)\//;

/**
 * Fluent UI parts no eager page uses (popovers, overflow), apart: only the charts use them today, so they
 * load with the charts; a page that uses them later loads this small chunk, not the charts.
 */
const FLUENT_LATER = /\/node_modules\/(@fluentui\/(react-popover|react-overflow|priority-overflow)|@swc\/helpers)\//;

/** Groups third-party code into a few long-lived vendor chunks, each well under 500 kB, and the UI texts by language. */
function vendorChunk(id: string): string | undefined {
  const path = id.replace(/\\/g, '/');
  // The UI texts: one chunk per language, so that the entry chunk stays small as texts are added.
  const locale = /\/web\/src\/i18n\/(?:[\w-]+\/)?(en|fr|zh-Hans|zh-Hant|id)\.json$/.exec(path);
  if (locale) return `locale-${locale[1]}`;
  if (!path.includes('/node_modules/')) return undefined;
  if (CHARTS.test(path)) return 'charts';
  if (FLUENT_LATER.test(path)) return 'fluent-later';
  if (FLUENT_CORE.test(path)) return 'fluent-core';
  if (FLUENT_FORMS.test(path)) return 'fluent-forms';
  if (/\/node_modules\/(@fluentui|embla-carousel[^/]*)\//.test(path)) return 'fluent';
  if (/\/node_modules\/(react|react-dom|scheduler|react-router|cookie|set-cookie-parser|use-sync-external-store)\//.test(path)) {
    return 'react';
  }
  if (/\/node_modules\/(@tanstack|i18next|react-i18next|html-parse-stringify|void-elements)\//.test(path)) {
    return 'data';
  }
  return undefined;
}

/**
 * Writes a Brotli and a gzip copy beside each built script and style sheet; the server sends the one the browser
 * accepts (@fastify/static's preCompressed), so the first load moves about a third of the bytes, compressed
 * once at build time instead of on every request.
 */
function precompress(): Plugin {
  return {
    name: 'channel-center-precompress',
    apply: 'build',
    writeBundle(options) {
      const assets = path.join(options.dir!, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = path.join(assets, name);
        const body = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

const config: UserConfig = {
  root: webRoot,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 500,
    rollupOptions: {
      output: {
        manualChunks: vendorChunk,
      },
    },
  },
  server: {
    proxy: {
      '/v1': { target: apiTarget, changeOrigin: false },
      '/docs': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/v1': { target: apiTarget, changeOrigin: false },
      '/docs': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
};

export default defineConfig(({ command }) => {
  // A build is always the production bundle, even when started from the test runner (which sets
  // NODE_ENV=test and would otherwise pull in React's development build).
  if (command === 'build' && process.env.NODE_ENV !== 'production') process.env.NODE_ENV = 'production';
  return config;
});
