// RSA2 (SHA256withRSA, base64) over the OpenAPI v2 sign content (contract §2).
import crypto from 'node:crypto';

/** Sorted `key=value` pairs joined with `&`, raw values, skipping the given keys and empty values. */
export function signContent(params: Record<string, string>, skip: readonly string[] = ['sign']): string {
  return Object.keys(params)
    .filter((k) => !skip.includes(k) && params[k] !== '' && params[k] != null)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

// OpenSSL parses a PEM text again on every use, which costs as much as the signature itself: keep the parsed keys.
const privateKeys = new Map<string, crypto.KeyObject>();
const publicKeys = new Map<string, crypto.KeyObject>();

function parsed(cache: Map<string, crypto.KeyObject>, pem: string, parse: (pem: string) => crypto.KeyObject): crypto.KeyObject {
  let key = cache.get(pem);
  if (!key) {
    key = parse(pem);
    if (cache.size > 50) cache.clear();
    cache.set(pem, key);
  }
  return key;
}

export function rsa2Sign(content: string, privateKeyPem: string): string {
  return crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(parsed(privateKeys, privateKeyPem, crypto.createPrivateKey), 'base64');
}

export function rsa2Verify(content: string, signature: string, publicKeyPem: string): boolean {
  try {
    return crypto.createVerify('RSA-SHA256').update(content, 'utf8').verify(parsed(publicKeys, publicKeyPem, crypto.createPublicKey), signature, 'base64');
  } catch {
    return false;
  }
}
