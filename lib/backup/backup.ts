// Backups of a DATA_DIR: each SQLite file copied with SQLite's online backup API (consistent while the server and
// the worker keep writing), and the secrets that make the encrypted tokens readable copied to a separate place.
// A copy of the data alone cannot decrypt merchants' tokens or forge sessions; the two are stored apart so that
// losing (or leaking) one does not give away the other.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DATABASES = ['console.db', 'sandbox.db', 'queue.db'] as const;
/** Folders of DATA_DIR holding secrets: generated session and token keys, the sandbox's RSA keys. */
export const SECRET_DIRS = ['secrets', 'sandbox'] as const;

export interface BackupManifest {
  format: 1;
  createdAt: string;
  kind: 'manual' | 'scheduled';
  databases: { file: string; bytes: number; sha256: string }[];
  /** Whether the secrets were copied (in production they come from the environment, not DATA_DIR). */
  secrets: { dirs: string[]; location: string | null };
}

export interface BackupResult {
  dir: string;
  secretsDir: string | null;
  manifest: BackupManifest;
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

function copyTreePrivate(from: string, to: string): void {
  privateDir(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copyTreePrivate(src, dest);
    else if (entry.isFile()) {
      fs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(dest, 0o600);
    }
  }
}

export function backupName(kind: BackupManifest['kind'], now: Date): string {
  return `${kind}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/**
 * Copies every database of `dataDir` into `<backupDir>/<name>/` and the secrets into `<secretsDir>/<name>/`.
 * Written under a temporary name and renamed at the end: a backup folder that exists is complete.
 */
export async function takeBackup(opts: {
  dataDir: string;
  backupDir: string;
  secretsDir: string;
  kind?: BackupManifest['kind'];
  now?: Date;
}): Promise<BackupResult> {
  const now = opts.now ?? new Date();
  const kind = opts.kind ?? 'manual';
  const name = backupName(kind, now);
  const dataDir = path.resolve(opts.dataDir);
  if (!fs.existsSync(path.join(dataDir, 'console.db'))) throw new Error(`no console.db in ${dataDir}: nothing to back up`);
  privateDir(opts.backupDir);
  const final = path.join(opts.backupDir, name);
  if (fs.existsSync(final)) throw new Error(`${final} exists already`);
  const tmp = fs.mkdtempSync(path.join(opts.backupDir, `.${name}-`));
  fs.chmodSync(tmp, 0o700);
  try {
    const databases: BackupManifest['databases'] = [];
    for (const file of DATABASES) {
      const src = path.join(dataDir, file);
      if (!fs.existsSync(src)) continue;
      const dest = path.join(tmp, file);
      // A read-only connection of its own: the backup API copies pages under SQLite's locks, restarting if a
      // writer changes a page mid-copy, so the copy is one consistent snapshot of a live database.
      const source = new Database(src, { readonly: true, fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        await source.backup(dest);
      } finally {
        source.close();
      }
      fs.chmodSync(dest, 0o600);
      databases.push({ file, bytes: fs.statSync(dest).size, sha256: sha256(dest) });
    }

    let secrets: BackupManifest['secrets'] = { dirs: [], location: null };
    const present = SECRET_DIRS.filter((d) => fs.existsSync(path.join(dataDir, d)));
    let secretsFinal: string | null = null;
    if (present.length) {
      privateDir(opts.secretsDir);
      secretsFinal = path.join(opts.secretsDir, name);
      if (fs.existsSync(secretsFinal)) throw new Error(`${secretsFinal} exists already`);
      const secretsTmp = fs.mkdtempSync(path.join(opts.secretsDir, `.${name}-`));
      for (const d of present) copyTreePrivate(path.join(dataDir, d), path.join(secretsTmp, d));
      fs.renameSync(secretsTmp, secretsFinal);
      secrets = { dirs: [...present], location: path.resolve(opts.secretsDir) };
    }

    const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), kind, databases, secrets };
    fs.writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, final);
    return { dir: final, secretsDir: secretsFinal, manifest };
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Keeps the newest `keep` scheduled backups (and their secrets); manual ones are the operator's to delete. */
export function pruneBackups(opts: { backupDir: string; secretsDir: string; keep: number }): string[] {
  if (!fs.existsSync(opts.backupDir)) return [];
  const scheduled = fs
    .readdirSync(opts.backupDir)
    .filter((n) => n.startsWith('scheduled-') && fs.existsSync(path.join(opts.backupDir, n, 'manifest.json')))
    .sort();
  const doomed = scheduled.slice(0, Math.max(0, scheduled.length - opts.keep));
  for (const n of doomed) {
    fs.rmSync(path.join(opts.backupDir, n), { recursive: true, force: true });
    fs.rmSync(path.join(opts.secretsDir, n), { recursive: true, force: true });
  }
  return doomed;
}

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

/**
 * Restores a backup into a fresh DATA_DIR. Refuses a target that holds anything (a live console's files above all):
 * a restore never overwrites data. Checks every database against the manifest and SQLite's integrity check.
 */
export function restoreBackup(opts: { from: string; secretsFrom?: string | null; dataDir: string }): { databases: string[]; secrets: string[] } {
  const from = path.resolve(opts.from);
  const manifestFile = path.join(from, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new RestoreRefused(`${from} is not a backup (no manifest.json)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  const target = path.resolve(opts.dataDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new RestoreRefused(`${target} is not empty: restore into a fresh DATA_DIR (this one may be a live console's)`);
  }
  for (const db of manifest.databases) {
    const file = path.join(from, db.file);
    if (!fs.existsSync(file) || sha256(file) !== db.sha256) throw new RestoreRefused(`${db.file} in ${from} does not match its manifest`);
  }
  const secretsFrom = opts.secretsFrom === undefined ? (manifest.secrets.location ? path.join(manifest.secrets.location, path.basename(from)) : null) : opts.secretsFrom;
  if (manifest.secrets.dirs.length && (!secretsFrom || !fs.existsSync(secretsFrom))) {
    throw new RestoreRefused(
      `the secrets of this backup are not at ${secretsFrom ?? '(unknown)'}: pass --secrets <dir>; without them the merchants' tokens cannot be decrypted`,
    );
  }

  privateDir(target);
  const staging = fs.mkdtempSync(path.join(target, '.restore-'));
  try {
    for (const db of manifest.databases) {
      const dest = path.join(staging, db.file);
      fs.copyFileSync(path.join(from, db.file), dest, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(dest, 0o600);
      const check = new Database(dest, { readonly: true });
      try {
        const result = check.pragma('integrity_check', { simple: true });
        if (result !== 'ok') throw new RestoreRefused(`${db.file} fails SQLite's integrity check: ${String(result)}`);
      } finally {
        check.close();
      }
    }
    const secrets: string[] = [];
    if (secretsFrom && manifest.secrets.dirs.length) {
      for (const d of manifest.secrets.dirs) {
        copyTreePrivate(path.join(secretsFrom, d), path.join(staging, d));
        secrets.push(d);
      }
    }
    for (const entry of fs.readdirSync(staging)) fs.renameSync(path.join(staging, entry), path.join(target, entry));
    fs.rmdirSync(staging);
    return { databases: manifest.databases.map((d) => d.file), secrets };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
