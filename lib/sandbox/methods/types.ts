// The shape of one OpenAPI method implementation.
import type { SandboxContext } from '../context';
import type { Authorization } from '../db/schema';
import { businessError, invalidParameter } from '../errors';

export interface MethodCall {
  ctx: SandboxContext;
  now: number;
  isvAppId: string;
  /** biz_content fields and top-level business parameters, as strings (objects JSON-encoded). */
  fields: Record<string, string>;
  /** The same, with biz_content values as they were decoded (to tell a JSON string from an object). */
  raw: Record<string, unknown>;
  /** Uploaded files by field name. */
  files: Record<string, Buffer>;
  /** The merchant authorization resolved from app_auth_token, for methods that act for a merchant. */
  merchant: Authorization | null;
  bundleId: string;
}

export interface MethodSpec {
  /** Needs a valid app_auth_token (acts on the merchant's mini-program). */
  merchant: boolean;
  /** Runs inside one write transaction; returns the business fields, or throws a GatewayError. */
  handle(call: MethodCall): Record<string, unknown>;
}

export type MethodTable = Record<string, MethodSpec>;

export function merchantOf(call: MethodCall): { appId: string; userId: string } {
  if (!call.merchant) throw new Error('method declared without merchant: true');
  return { appId: call.merchant.authAppId, userId: call.merchant.userId };
}

export function required(call: MethodCall, field: string): string {
  const v = call.fields[field];
  if (!v) throw invalidParameter(field);
  return v;
}

export function pageArgs(call: MethodCall, names: { page: string; size: string }, max: number, tooLarge: () => Error) {
  const page = call.fields[names.page] ? Number(call.fields[names.page]) : 1;
  const size = call.fields[names.size] ? Number(call.fields[names.size]) : Math.min(10, max);
  if (!Number.isInteger(page) || page < 1) throw invalidParameter(names.page, '必须是从 1 开始的整数');
  if (!Number.isInteger(size) || size < 1) throw invalidParameter(names.size, '必须是正整数');
  if (size > max) throw tooLarge();
  return { page, size, offset: (page - 1) * size };
}

/** Drops null/undefined fields: the platform omits what it does not have. */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

export const refusal = (r: { subCode: string; subMsg: string }) => businessError(r.subCode, r.subMsg);
