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

export function rsa2Sign(content: string, privateKeyPem: string): string {
  return crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(privateKeyPem, 'base64');
}

export function rsa2Verify(content: string, signature: string, publicKeyPem: string): boolean {
  try {
    return crypto.createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}
