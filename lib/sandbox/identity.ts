// The sandbox's keys and ISV app id, created once under DATA_DIR/sandbox/ (contract §7) and read on every start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sandboxIdentityFiles } from '@/lib/config';

export interface SandboxTemplateRef {
  templateId: string;
  name: string;
}

export interface SandboxIdentity {
  appId: string;
  templates: SandboxTemplateRef[];
  isvPrivateKeyPem: string;
  isvPublicKeyPem: string;
  alipayPrivateKeyPem: string;
  alipayPublicKeyPem: string;
  dir: string;
}

export const DEFAULT_TEMPLATE: SandboxTemplateRef = { templateId: '2021004100000001', name: '餐饮点单模板' };

// The file names are the configuration the console reads them by (lib/config sandboxIdentityFiles).
const NAMES = sandboxIdentityFiles('.');
const FILES = {
  app: path.basename(NAMES.app),
  isvPrivate: path.basename(NAMES.isvPrivateKey),
  isvPublic: path.basename(NAMES.isvPublicKey),
  alipayPrivate: path.basename(NAMES.alipayPrivateKey),
  alipayPublic: path.basename(NAMES.alipayPublicKey),
} as const;

function rsaPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) out += crypto.randomInt(0, 10).toString();
  return out;
}

function isComplete(dir: string): boolean {
  return fs.existsSync(path.join(dir, FILES.app)) && fs.existsSync(path.join(dir, FILES.isvPrivate)) && fs.existsSync(path.join(dir, FILES.alipayPrivate));
}

function isEmptyOrMissing(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * Writes a fresh identity into a private temporary folder and renames it into place. Two processes racing on
 * first start therefore never mix halves of two key pairs: the loser's rename fails and it reads the winner's.
 */
function createIdentity(dataDir: string, dir: string): void {
  const tmp = fs.mkdtempSync(path.join(dataDir, '.sandbox-identity-'));
  try {
    const isv = rsaPair();
    const alipay = rsaPair();
    const app = { appId: `2021${randomDigits(12)}`, templates: [DEFAULT_TEMPLATE] };
    const write = (name: string, content: string) => fs.writeFileSync(path.join(tmp, name), content, { mode: 0o600, flag: 'wx' });
    write(FILES.app, `${JSON.stringify(app, null, 2)}\n`);
    write(FILES.isvPrivate, isv.privateKeyPem);
    write(FILES.isvPublic, isv.publicKeyPem);
    write(FILES.alipayPrivate, alipay.privateKeyPem);
    write(FILES.alipayPublic, alipay.publicKeyPem);
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    // rename() replaces an empty folder but fails on a filled one: another process got there first.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
  }
}

/** A public key file deleted by hand is derived again from its private key; a missing private key is an error. */
function readPublicKey(dir: string, publicName: string, privatePem: string): string {
  const file = path.join(dir, publicName);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  const pem = crypto.createPublicKey(privatePem).export({ type: 'spki', format: 'pem' }).toString();
  try {
    fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return fs.readFileSync(file, 'utf8');
}

function readIdentity(dir: string): SandboxIdentity {
  if (!isComplete(dir)) {
    throw new Error(`The sandbox identity in ${dir} is incomplete (${FILES.app}, ${FILES.isvPrivate} and ${FILES.alipayPrivate} are required). Delete the folder to create a new one.`);
  }
  const app = JSON.parse(fs.readFileSync(path.join(dir, FILES.app), 'utf8')) as { appId?: unknown; templates?: unknown };
  if (typeof app.appId !== 'string' || !/^2021\d{12}$/.test(app.appId)) throw new Error(`${path.join(dir, FILES.app)}: appId must be 16 digits starting with 2021`);
  const templates = Array.isArray(app.templates)
    ? app.templates
        .filter((t): t is SandboxTemplateRef => typeof t?.templateId === 'string' && typeof t?.name === 'string')
        .map((t) => ({ templateId: t.templateId, name: t.name }))
    : [];
  const isvPrivateKeyPem = fs.readFileSync(path.join(dir, FILES.isvPrivate), 'utf8');
  const alipayPrivateKeyPem = fs.readFileSync(path.join(dir, FILES.alipayPrivate), 'utf8');
  return {
    appId: app.appId,
    templates,
    isvPrivateKeyPem,
    isvPublicKeyPem: readPublicKey(dir, FILES.isvPublic, isvPrivateKeyPem),
    alipayPrivateKeyPem,
    alipayPublicKeyPem: readPublicKey(dir, FILES.alipayPublic, alipayPrivateKeyPem),
    dir,
  };
}

export function ensureSandboxIdentity(dataDir: string): SandboxIdentity {
  const root = path.resolve(dataDir);
  const { dir } = sandboxIdentityFiles(root);
  fs.mkdirSync(root, { recursive: true });
  if (isEmptyOrMissing(dir)) createIdentity(root, dir);
  return readIdentity(dir);
}
