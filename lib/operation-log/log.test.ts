import { describe, expect, it } from 'vitest';
import { memoryDb } from '@/lib/testing/memory-db';
import { listOperations } from './data';
import { recordOperation, summarizeInput } from './log';

describe('operation log', () => {
  it('never keeps secrets in the input summary', () => {
    const s = summarizeInput({ email: 'a@b.c', password: 'hunter2', nested: { appAuthToken: 't', ok: 1 }, long: 'x'.repeat(500) }) as Record<string, unknown>;
    expect(s.password).toBe('***');
    expect((s.nested as Record<string, unknown>).appAuthToken).toBe('***');
    expect(String(s.long).length).toBeLessThan(210);
    expect(JSON.stringify(s)).not.toContain('hunter2');
  });

  it('records and filters entries newest first', () => {
    const db = memoryDb();
    recordOperation(db, { actor: { id: null, email: 'a@x.cn' }, action: 'staff.create', result: 'ok', target: { type: 'user', id: 3 }, input: { password: 'p' } });
    recordOperation(db, { actor: { id: null, email: 'b@x.cn' }, action: 'auth.signIn', result: 'refused', detail: 'invalid' });
    const all = listOperations(db, {}, 1, 10);
    expect(all.total).toBe(2);
    expect(all.rows[0].action).toBe('auth.signIn');
    const staff = listOperations(db, { action: 'staff' }, 1, 10);
    expect(staff.rows.map((r) => r.targetId)).toEqual(['3']);
    expect(staff.rows[0].input).toBe('{"password":"***"}');
    expect(listOperations(db, { result: 'refused', actor: 'b@' }, 1, 10).total).toBe(1);
  });
});
