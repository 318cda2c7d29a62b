import { describe, expect, it } from 'vitest';
import { merchants } from '@/db/schema';
import { insertUser } from '@/lib/staff/data';
import { memoryDb } from '@/lib/testing/memory-db';
import { countUnread, inboxMerchants, inboxTypes, listInbox, markAllRead, markRead } from './data';
import { postMessage } from './post';

function setup() {
  const db = memoryDb();
  const a = db.insert(merchants).values({ name: '花美', contactName: '甲', mobile: '13800000001', industry: 'retail' }).returning().get();
  const b = db.insert(merchants).values({ name: '老王', contactName: '乙', mobile: '13800000002', industry: 'catering' }).returning().get();
  postMessage(db, { type: 'authorization.granted', title: 'a 授权', merchantId: a.id });
  postMessage(db, { type: 'audit.passed', title: 'a 通过', merchantId: a.id, miniAppId: '2021', version: '1.0.0' });
  postMessage(db, { type: 'audit.rejected', title: 'b 驳回', merchantId: b.id });
  postMessage(db, { type: 'system', title: '系统通知' });
  const me = insertUser(db, { email: 'me@x.test', name: 'me', role: 'viewer', passwordHash: 'x' }).id;
  const other = insertUser(db, { email: 'other@x.test', name: 'other', role: 'operator', passwordHash: 'x' }).id;
  return { db, a, b, me, other };
}

describe('the inbox', () => {
  it('filters by exact type, by type group, by merchant and by unread', () => {
    const { db, a, me } = setup();
    expect(listInbox(db, me, { type: 'audit.passed' }, 1, 20).rows.map((r) => r.title)).toEqual(['a 通过']);
    expect(listInbox(db, me, { type: 'audit' }, 1, 20).total).toBe(2);
    const ofA = listInbox(db, me, { merchantId: a.id }, 1, 20);
    expect(ofA.rows.map((r) => [r.title, r.merchantName])).toEqual([
      ['a 通过', '花美'],
      ['a 授权', '花美'],
    ]);
    expect(inboxTypes(db)).toEqual(['audit.passed', 'audit.rejected', 'authorization.granted', 'system']);
    expect(inboxMerchants(db).map((m) => m.name).sort()).toEqual(['老王', '花美'].sort());
  });

  it('marks read one message, or everything the filter shows and nothing else', () => {
    const { db, a, me } = setup();
    expect(countUnread(db, me)).toBe(4);
    const [first] = listInbox(db, me, { merchantId: a.id }, 1, 1).rows;
    expect(markRead(db, me, [first.id])).toBe(1);
    expect(markRead(db, me, [first.id])).toBe(0);
    expect(markAllRead(db, me, { merchantId: a.id })).toBe(1);
    expect(countUnread(db, me)).toBe(2);
    expect(listInbox(db, me, { unread: true }, 1, 20).rows.map((r) => r.title)).toEqual(['系统通知', 'b 驳回']);
    expect(markAllRead(db, me, { type: 'audit' })).toBe(1);
    expect(countUnread(db, me)).toBe(1);
  });

  it("keeps each reader's own read state: one person's mark-all-read leaves another's unread count alone", () => {
    const { db, me, other } = setup();
    expect(markAllRead(db, me, {})).toBe(4);
    expect(countUnread(db, me)).toBe(0);
    expect(countUnread(db, other)).toBe(4);
    expect(listInbox(db, other, { unread: true }, 1, 20).total).toBe(4);
    expect(listInbox(db, me, {}, 1, 20).rows.every((r) => r.read)).toBe(true);
    expect(listInbox(db, other, {}, 1, 20).rows.some((r) => r.read)).toBe(false);
  });

  it('ignores ids of messages that do not exist', () => {
    const { db, me } = setup();
    expect(markRead(db, me, [999_999])).toBe(0);
  });
});
