#!/usr/bin/env node
// Prints the gzipped size of the JavaScript the admin's first page loads (index.html's module
// script and its modulepreloads). Goal: ≤ 200 KB.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../apps/admin/dist');
const indexFile = join(dist, 'index.html');
if (!existsSync(indexFile)) {
  console.log('bundle-size: apps/admin/dist/index.html not built');
  process.exit(0);
}
const html = readFileSync(indexFile, 'utf8');
const srcs = [
  ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
].map((m) => m[1]);
let total = 0;
for (const src of new Set(srcs)) {
  const bytes = gzipSync(readFileSync(join(dist, src.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`  ${src}  ${(bytes / 1024).toFixed(1)} KB gzipped`);
}
console.log(
  `first-page JS: ${(total / 1024).toFixed(1)} KB gzipped (goal ≤ 200 KB)${total > 200 * 1024 ? '  OVER GOAL' : ''}`,
);
