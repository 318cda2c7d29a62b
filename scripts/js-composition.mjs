// `node scripts/js-composition.mjs [--dist .next-maps] [--route /merchants/[id]/versions] [--top 40] [--base /bench-floor]`
// after `SOURCE_MAPS=1 NEXT_DIST_DIR=.next-maps npm run build`: what each console page's first-load JavaScript is
// made of, by package (antd per component, next's parts, the console's own files), in gzip kB, read from the build's
// client reference manifests and browser source maps. Without --route: every page's total, largest first. With
// --base: each package's share beyond that page's (e.g. what a page adds to the shell). A chunk's gzip size is
// shared among its sources by the length of their source text, so shares are estimates; totals are exact (the
// nomodule polyfills, which Chromium does not load, are left out, as in `npm run bench:pages`).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: process.env.NEXT_DIST_DIR ?? '.next-maps' },
    route: { type: 'string' },
    base: { type: 'string' },
    top: { type: 'string', default: '40' },
  },
});
const dist = path.resolve(args.dist);
const buildManifest = JSON.parse(fs.readFileSync(path.join(dist, 'build-manifest.json'), 'utf8'));
const polyfills = new Set(buildManifest.polyfillFiles ?? []);

/** Route ("/merchants/[id]/versions", groups left out) → its entry's chunks by layout and page. */
function manifests() {
  const out = new Map();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'page_client-reference-manifest.js') {
        const scope = { __RSC_MANIFEST: {} };
        new Function('globalThis', fs.readFileSync(p, 'utf8'))(scope);
        for (const [key, m] of Object.entries(scope.__RSC_MANIFEST)) {
          const route = key.replace(/\/page$/, '').replace(/\/\([^)]+\)/g, '') || '/';
          out.set(route, { key, entry: m.entryJSFiles });
        }
      }
    }
  };
  walk(path.join(dist, 'server', 'app'));
  return out;
}

/** The chunks a first load of the route fetches: the root's, and those of every layout above the page and the page. */
function chunksOf({ key, entry }) {
  const page = `[project]/app${key.replace(/\/page$/, '')}`;
  const files = new Set(buildManifest.rootMainFiles ?? []);
  for (const [k, list] of Object.entries(entry)) {
    const segment = k.replace(/\/(page|layout)$/, '');
    if (page === segment || page.startsWith(`${segment}/`)) for (const f of list) files.add(f);
  }
  return [...files].filter((f) => !polyfills.has(f));
}

const gzipCache = new Map();
function chunk(file) {
  if (gzipCache.has(file)) return gzipCache.get(file);
  const p = path.join(dist, file.replace(/^\/?_next\//, ''));
  const code = fs.readFileSync(p);
  const result = { gz: zlib.gzipSync(code).length, parts: new Map() };
  const url = /sourceMappingURL=(\S+)\s*$/.exec(code.toString())?.[1];
  const mapFile = url && path.join(path.dirname(p), url);
  if (mapFile && fs.existsSync(mapFile)) {
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    const sections = map.sections ? map.sections.map((s) => s.map) : [map];
    const sources = sections.flatMap((s) => s.sources.map((src, i) => [group(src), (s.sourcesContent?.[i] ?? '').length]));
    const sum = sources.reduce((a, [, n]) => a + n, 0) || 1;
    for (const [g, n] of sources) result.parts.set(g, (result.parts.get(g) ?? 0) + (result.gz * n) / sum);
  } else result.parts.set(`(no source map) ${path.basename(p)}`, result.gz);
  gzipCache.set(file, result);
  return result;
}

function group(src) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/(?:es|lib|dist)\/([^/]+))?/.exec(src);
  if (!m) return src.replace(/^.*\[project\]\//, '').replace(/ <text\/javascript>$/, '');
  if (m[1] === 'next') return `next/${/next\/dist\/(compiled\/[^/]+)/.exec(src)?.[1] ?? 'runtime'}`;
  if (m[1] === 'antd' && m[2]) return `antd/${m[2].replace(/\.js$/, '')}`;
  return m[1];
}

function composition(route) {
  const parts = new Map();
  let total = 0;
  for (const f of chunksOf(route)) {
    const c = chunk(f);
    total += c.gz;
    for (const [g, n] of c.parts) parts.set(g, (parts.get(g) ?? 0) + n);
  }
  return { total, parts };
}

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
const routes = manifests();
if (!args.route) {
  const rows = [...routes.entries()].map(([r, m]) => [r, composition(m).total]).sort((a, b) => b[1] - a[1]);
  for (const [r, total] of rows) console.log(`${kb(total)} kB  ${r}`);
} else {
  const pick = (r) => routes.get(r) ?? (() => { throw new Error(`no route ${r}; routes: ${[...routes.keys()].join(' ')}`); })();
  const page = composition(pick(args.route));
  const base = args.base ? composition(pick(args.base)) : null;
  console.log(`${args.route}: ${kb(page.total)} kB gzip${base ? ` (${args.base}: ${kb(base.total)} kB, difference ${kb(page.total - base.total)} kB)` : ''}`);
  const rows = [...page.parts.entries()].map(([g, n]) => [g, n - (base?.parts.get(g) ?? 0)]).filter(([, n]) => n > 0.05 * 1024);
  for (const [g, n] of rows.sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) console.log(`${kb(n)} kB  ${g}`);
}
