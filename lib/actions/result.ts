import type { TextParams } from '@/lib/messages/text';

// The shape every server action answers with, so forms can show field errors and a message the same way.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string> };

/**
 * A refusal meant for the user: a message catalog key (or plain text, e.g. a platform message) and its field. A
 * parameter may itself be a key (`{ t: key }`, e.g. a platform refusal): the action renders it in the reader's
 * language before answering, and the operation log keeps it as a key.
 */
export class ActionError extends Error {
  constructor(
    message: string,
    public readonly options: { field?: string; params?: TextParams } = {},
  ) {
    super(message);
    this.name = 'ActionError';
  }
}
