// Key normalisation: operators paste keys as PEM (PKCS#1 or PKCS#8) or as the bare base64 that Alipay's key tool
// prints; the SDK is configured for PKCS#8, so everything is turned into PKCS#8 / SPKI PEM once, here.
import crypto from 'node:crypto';

function bareBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+=*$/.test(compact) ? Buffer.from(compact, 'base64') : null;
}

export function toPkcs8PrivateKeyPem(text: string): string {
  const trimmed = text.trim();
  const der = trimmed.includes('-----BEGIN') ? null : bareBase64(trimmed);
  const key = der
    ? tryEach([() => crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), () => crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })])
    : crypto.createPrivateKey(trimmed);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('the private key is not an RSA key');
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function toSpkiPublicKeyPem(text: string): string {
  const trimmed = text.trim();
  const der = trimmed.includes('-----BEGIN') ? null : bareBase64(trimmed);
  const key = der ? crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }) : crypto.createPublicKey(trimmed);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('the public key is not an RSA key');
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

export function publicKeyOf(privateKeyPem: string): string {
  return crypto.createPublicKey(privateKeyPem).export({ format: 'pem', type: 'spki' }).toString();
}

function tryEach<T>(attempts: Array<() => T>): T {
  let last: unknown;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
