// The operation log: who did what to which target, with what input, and how it ended. Every mutating action records here.
import type { Db } from '@/db';
import type { TextParams } from '@/lib/messages/text';
import { insertOperationLog, type OperationFilter } from './data';

export interface OperationRecord {
  actor: { id: number | null; email: string };
  action: string;
  target?: { type: string; id: string | number };
  input?: unknown;
  result: 'ok' | 'error' | 'refused';
  /** A catalog key (an action's error) or plain text. */
  detail?: string;
  /** The parameters of `detail` when it is a catalog key, rendered with it in the reader's language. */
  detailParams?: TextParams;
}

const SECRET_KEY = /pass(word)?|token|secret|private|key|sign/i;
const MAX_INPUT = 2000;

/** A short, secret-free summary of an action's input: secrets are masked, files and long text cut. */
export function summarizeInput(input: unknown, depth = 0): unknown {
  if (input === null || input === undefined) return input;
  if (typeof input === 'string') return input.length > 200 ? `${input.slice(0, 200)}…` : input;
  if (typeof input !== 'object') return input;
  if (typeof Blob !== 'undefined' && input instanceof Blob) return `[file ${input.size} bytes]`;
  if (input instanceof Date) return input.toISOString();
  if (depth > 3) return '[…]';
  if (Array.isArray(input)) {
    const items = input.slice(0, 20).map((v) => summarizeInput(v, depth + 1));
    return input.length > 20 ? [...items, `… ${input.length - 20} more`] : items;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? '***' : summarizeInput(v, depth + 1);
  }
  return out;
}

export function recordOperation(db: Db, record: OperationRecord): void {
  let input: string | null = null;
  if (record.input !== undefined) {
    input = JSON.stringify(summarizeInput(record.input));
    if (input.length > MAX_INPUT) input = `${input.slice(0, MAX_INPUT)}…`;
  }
  insertOperationLog(db, {
    actorId: record.actor.id,
    actorEmail: record.actor.email,
    action: record.action,
    targetType: record.target?.type ?? null,
    targetId: record.target ? String(record.target.id) : null,
    input,
    result: record.result,
    detail: record.detail?.slice(0, 1000) ?? null,
    detailParams: record.detailParams && Object.keys(record.detailParams).length ? JSON.stringify(record.detailParams).slice(0, 1000) : null,
  });
}

/** The page's query (days in Beijing time, CONTRACT §2) as a filter; an impossible date is ignored. */
export function operationFilterOf(query: { actor?: string; action?: string; target?: string; result?: OperationFilter['result']; from?: string; to?: string }): OperationFilter {
  const day = (d: string | undefined, time: string) => {
    const at = d ? new Date(`${d}T${time}+08:00`) : undefined;
    return at && !Number.isNaN(at.getTime()) ? at : undefined;
  };
  return { actor: query.actor, action: query.action, target: query.target, result: query.result, from: day(query.from, '00:00:00.000'), to: day(query.to, '23:59:59.999') };
}
