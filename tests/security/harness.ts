// A console in a temporary DATA_DIR for calling server actions and route handlers directly: next-auth's session,
// next/headers, next/cache and next/navigation are stand-ins the test drives, so a call runs exactly the guard,
// validation and writes it runs on the server. Also finds every server action and route handler in app/.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

export type Who = 'signed-out' | 'viewer' | 'operator' | 'owner';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

export interface FoundAction {
  /** `app/(console)/staff/actions.ts#addStaff` */
  id: string;
  file: string;
  name: string;
}

export interface FoundRoute {
  /** `POST /sandbox/api/[...path]` */
  id: string;
  file: string;
  method: string;
  /** The URL path with sample values for its dynamic segments. */
  samplePath: string;
  params: Record<string, string | string[]>;
}

/** Every module starting with 'use server' and its exported functions, read from the source. */
export function findServerActions(): FoundAction[] {
  const found: FoundAction[] = [];
  for (const file of walk(path.join(ROOT, 'app'))) {
    const src = fs.readFileSync(file, 'utf8');
    if (!/^\s*['"]use server['"]/.test(src)) continue;
    const rel = path.relative(ROOT, file);
    for (const m of src.matchAll(/^export\s+(?:async\s+function|const|function)\s+([A-Za-z0-9_]+)/gm)) {
      found.push({ id: `${rel}#${m[1]}`, file, name: m[1] });
    }
  }
  return found;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every route handler (app/** /route.ts) and each HTTP method it exports. */
export function findRouteHandlers(): FoundRoute[] {
  const found: FoundRoute[] = [];
  for (const file of walk(path.join(ROOT, 'app'))) {
    if (!/route\.tsx?$/.test(file)) continue;
    const src = fs.readFileSync(file, 'utf8');
    const dir = path.relative(path.join(ROOT, 'app'), path.dirname(file));
    const params: Record<string, string | string[]> = {};
    const segments = dir
      .split(path.sep)
      .filter((s) => !/^\(.*\)$/.test(s))
      .map((s) => {
        const rest = /^\[\.\.\.(.+)\]$/.exec(s);
        if (rest) {
          params[rest[1]] = ['settings'];
          return 'settings';
        }
        const one = /^\[(.+)\]$/.exec(s);
        if (one) {
          params[one[1]] = '1';
          return '1';
        }
        return s;
      });
    const exported = new Set<string>();
    for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) exported.add(m[1]);
    for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && METHODS.includes(name)) exported.add(name);
    }
    for (const method of exported) {
      found.push({ id: `${method} /${dir}`, file, method, samplePath: `/${segments.join('/')}`, params });
    }
  }
  return found;
}

/** Everything in a SQLite file except the operation log (refusals are recorded there on purpose). */
export function snapshot(sqlite: Database.Database, ignore: string[] = ['operation_logs']): string {
  const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => !ignore.includes(t));
  return JSON.stringify(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}"`).all()]));
}
