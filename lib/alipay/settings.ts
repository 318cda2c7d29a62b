// Which Alipay the console talks to and with which keys. In sandbox mode the identity is the embedded sandbox's
// (contract §7); in production it comes from the configured files. Private keys stay inside lib/alipay.
import 'server-only';
import fs from 'node:fs';
import { getConfig, sandboxIdentityFiles, type AlipayMode, type Config } from '@/lib/config';
import { publicKeyOf, toPkcs8PrivateKeyPem, toSpkiPublicKeyPem } from './keys';

export interface AlipaySettings {
  mode: AlipayMode;
  /** The ISV app id sent as app_id on every request. */
  appId: string;
  /** PKCS#8 PEM. Never log it or hand it to a page. */
  privateKey: string;
  /** SPKI PEM of the platform key that signs responses and notifications. */
  alipayPublicKey: string;
  gateway: string;
  openAuthUrl: string;
  timeoutMs: number;
}

/** What the Settings page may show: no private key. */
export interface AlipaySettingsDescription {
  mode: AlipayMode;
  appId: string;
  gateway: string;
  openAuthUrl: string;
  /** The ISV app's public key, as registered on the open platform. */
  appPublicKey: string;
  alipayPublicKey: string;
}

export class AlipaySettingsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AlipaySettingsError';
  }
}

interface Identity {
  appId: string;
  privateKeyText: string;
  publicKeyText: string;
}

function readFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AlipaySettingsError(`Cannot read ${what} (${file}): ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { cause: e });
  }
}

/**
 * The identity the embedded sandbox issued (contract §7), read from its files like production's key files. The
 * sandbox writes them when the server (or `npm run worker`) starts it, before anything calls Alipay.
 */
function sandboxIdentity(dataDir: string): Identity {
  const files = sandboxIdentityFiles(dataDir);
  let appId: unknown;
  try {
    appId = (JSON.parse(readFile(files.app, 'the sandbox ISV app')) as { appId?: unknown }).appId;
  } catch (e) {
    if (e instanceof AlipaySettingsError) throw e;
    throw new AlipaySettingsError(`Cannot read the sandbox identity (${files.app}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (typeof appId !== 'string') throw new AlipaySettingsError(`Cannot read the sandbox identity (${files.app}): no appId`);
  return {
    appId,
    privateKeyText: readFile(files.isvPrivateKey, 'the sandbox ISV private key'),
    publicKeyText: readFile(files.alipayPublicKey, 'the sandbox platform public key'),
  };
}

function productionIdentity(config: Config): Identity {
  const { appId, privateKeyFile, publicKeyFile } = config.alipay;
  if (!appId || !privateKeyFile || !publicKeyFile) {
    throw new AlipaySettingsError('ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE are required in production mode');
  }
  return {
    appId,
    privateKeyText: readFile(privateKeyFile, 'ALIPAY_PRIVATE_KEY_FILE'),
    publicKeyText: readFile(publicKeyFile, 'ALIPAY_PUBLIC_KEY_FILE'),
  };
}

/** Builds the settings from a parsed configuration; reads the key files on every call. */
export function loadAlipaySettings(config: Config): AlipaySettings {
  const identity = config.alipayMode === 'sandbox' ? sandboxIdentity(config.dataDir) : productionIdentity(config);
  let privateKey: string;
  let alipayPublicKey: string;
  try {
    privateKey = toPkcs8PrivateKeyPem(identity.privateKeyText);
  } catch (e) {
    throw new AlipaySettingsError('The ISV app private key is not a valid RSA private key (PEM or base64)', { cause: e });
  }
  try {
    alipayPublicKey = toSpkiPublicKeyPem(identity.publicKeyText);
  } catch (e) {
    throw new AlipaySettingsError('The Alipay public key is not a valid RSA public key (PEM or base64)', { cause: e });
  }
  return {
    mode: config.alipayMode,
    appId: identity.appId,
    privateKey,
    alipayPublicKey,
    gateway: config.alipay.gateway,
    openAuthUrl: config.alipay.openAuthUrl,
    timeoutMs: config.alipay.timeoutMs,
  };
}

let cached: AlipaySettings | undefined;

/** The process-wide settings, loaded on first use. */
export function getAlipaySettings(): AlipaySettings {
  cached ??= loadAlipaySettings(getConfig());
  return cached;
}

export function resetAlipaySettingsForTests(): void {
  cached = undefined;
}

export function describeAlipaySettings(settings: AlipaySettings = getAlipaySettings()): AlipaySettingsDescription {
  return {
    mode: settings.mode,
    appId: settings.appId,
    gateway: settings.gateway,
    openAuthUrl: settings.openAuthUrl,
    appPublicKey: publicKeyOf(settings.privateKey),
    alipayPublicKey: settings.alipayPublicKey,
  };
}
