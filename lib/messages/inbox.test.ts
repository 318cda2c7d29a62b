import { describe, expect, it } from 'vitest';
import { merchants } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { countUnread, inboxMerchants, inboxTypes, listInbox, markAllRead, markRead } from './inbox';
import { postMessage } from './post';

function setup() {
  const db = memoryDb();
  const a = db.insert(merchants).values({ name: '花美', contactName: '甲', mobile: '13800000001', industry: 'retail' }).returning().get();
  const b = db.insert(merchants).values({ name: '老王', contactName: '乙', mobile: '13800000002', industry: 'catering' }).returning().get();
  postMessage(db, { type: 'authorization.granted', title: 'a 授权', merchantId: a.id });
  postMessage(db, { type: 'audit.passed', title: 'a 通过', merchantId: a.id, miniAppId: '2021', version: '1.0.0' });
  postMessage(db, { type: 'audit.rejected', title: 'b 驳回', merchantId: b.id });
  postMessage(db, { type: 'system', title: '系统通知' });
  return { db, a, b };
}

describe('the inbox', () => {
  it('filters by exact type, by type group, by merchant and by unread', () => {
    const { db, a } = setup();
    expect(listInbox(db, { type: 'audit.passed' }, 1, 20).rows.map((r) => r.title)).toEqual(['a 通过']);
    expect(listInbox(db, { type: 'audit' }, 1, 20).total).toBe(2);
    const ofA = listInbox(db, { merchantId: a.id }, 1, 20);
    expect(ofA.rows.map((r) => [r.title, r.merchantName])).toEqual([
      ['a 通过', '花美'],
      ['a 授权', '花美'],
    ]);
    expect(inboxTypes(db)).toEqual(['audit.passed', 'audit.rejected', 'authorization.granted', 'system']);
    expect(inboxMerchants(db).map((m) => m.name).sort()).toEqual(['老王', '花美'].sort());
  });

  it('marks read one message, or everything the filter shows and nothing else', () => {
    const { db, a } = setup();
    expect(countUnread(db)).toBe(4);
    const [first] = listInbox(db, { merchantId: a.id }, 1, 1).rows;
    expect(markRead(db, [first.id])).toBe(1);
    expect(markRead(db, [first.id])).toBe(0);
    expect(markAllRead(db, { merchantId: a.id })).toBe(1);
    expect(countUnread(db)).toBe(2);
    expect(listInbox(db, { unread: true }, 1, 20).rows.map((r) => r.title)).toEqual(['系统通知', 'b 驳回']);
    expect(markAllRead(db, { type: 'audit' })).toBe(1);
    expect(countUnread(db)).toBe(1);
  });
});
