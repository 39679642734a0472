// The first screen's JavaScript budget (issue #15): the scripts index.html loads, and the modules it preloads, at
// most 150 kB after gzip. Run after `vite build` (npm run build does); exits 1 when over budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_BYTES = 150_000;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const base = '/app/';
const files = new Set();
for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) files.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) files.add(m[1]);
if (files.size === 0) {
  console.error('budget: index.html loads no script; is dist/ a vite build?');
  process.exit(1);
}
let total = 0;
for (const file of files) {
  const path = join(dist, file.startsWith(base) ? file.slice(base.length) : file);
  const gz = gzipSync(readFileSync(path), { level: 9 }).length;
  total += gz;
  console.log(`budget: ${file} ${(gz / 1000).toFixed(1)} kB gzip`);
}
console.log(`budget: first screen JavaScript ${(total / 1000).toFixed(1)} kB gzip of ${BUDGET_BYTES / 1000} kB`);
if (total > BUDGET_BYTES) {
  console.error('budget: over the first screen budget');
  process.exit(1);
}
