// The batch records' hot-path writes: every column type survives the prepared update, per set of columns.
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { memoryDb } from '@/lib/testing/memory-db';
import { findBatch, findItem, insertBatch, listItems, updateItem } from './data';

let db: Db;
let itemId: number;

beforeEach(() => {
  db = memoryDb();
  const batch = insertBatch(db, {
    operation: 'online',
    params: {},
    createdById: null,
    createdByEmail: 'ops@example.com',
    steps: ['online'],
    items: [{ merchantId: null, merchantAppId: null, authAppId: '2021000000000101', merchantName: '青禾花店' }],
  });
  itemId = listItems(db, batch.id)[0].id;
});

describe('updateItem', () => {
  test('dates, booleans, numbers and text are written and read back as they were', () => {
    const startedAt = new Date('2026-11-22T08:00:00.123Z');
    const row = updateItem(db, itemId, { state: 'running', startedAt, callOutstanding: true, attempts: 3, appVersion: '1.0.1' });
    expect(row).toMatchObject({ state: 'running', callOutstanding: true, attempts: 3, appVersion: '1.0.1' });
    expect(row.startedAt?.getTime()).toBe(startedAt.getTime());
    expect(row.updatedAt).toBeInstanceOf(Date);
    expect(findItem(db, itemId)).toEqual(row);
  });

  test('null clears a column, and another set of columns does not touch the first', () => {
    updateItem(db, itemId, { subCode: 'SYSTEM_ERROR', message: '平台繁忙', callOutstanding: true });
    const row = updateItem(db, itemId, { subCode: null, message: null });
    expect(row).toMatchObject({ subCode: null, message: null, callOutstanding: true });
    const again = updateItem(db, itemId, { callOutstanding: false, finishedAt: new Date(0) });
    expect(again).toMatchObject({ callOutstanding: false, subCode: null });
    expect(again.finishedAt?.getTime()).toBe(0);
  });

  test('the same prepared update serves different rows', () => {
    const second = insertBatch(db, {
      operation: 'online',
      params: {},
      createdById: null,
      createdByEmail: 'ops@example.com',
      steps: ['online'],
      items: [{ merchantId: null, merchantAppId: null, authAppId: '2021000000000102', merchantName: '青禾果园' }],
    });
    const otherId = listItems(db, second.id)[0].id;
    updateItem(db, itemId, { attempts: 1 });
    updateItem(db, otherId, { attempts: 7 });
    expect(findItem(db, itemId)?.attempts).toBe(1);
    expect(findItem(db, otherId)?.attempts).toBe(7);
    expect(findBatch(db, second.id)?.total).toBe(1);
    expect(findBatch(db, 999)).toBeUndefined();
  });
});
