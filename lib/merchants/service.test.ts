import { describe, expect, it } from 'vitest';
import { merchantApps, merchants } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { listMerchants } from '@/lib/merchants/data';
import { memoryDb } from '@/lib/testing/memory-db';
import { merchantListQuerySchema, merchantSchema } from '@/lib/validation/merchants';
import { archiveMerchant, createMerchant, editMerchant, removeMerchant, restoreMerchant } from './service';

const input = (over: Record<string, string> = {}) =>
  merchantSchema.parse({ name: '花美花艺', contactName: '王花美', mobile: '13800001111', email: '', industry: 'retail', address: '', remarks: '', ...over });

describe('merchant schema', () => {
  it('normalises names and mobiles, and refuses bad values with catalog keys', () => {
    expect(input({ name: '  花美   花艺 ', mobile: '+86 138-0000-1111' })).toMatchObject({ name: '花美 花艺', mobile: '13800001111' });
    const bad = merchantSchema.safeParse({ name: '花', contactName: '', mobile: '12345', email: 'x@', industry: 'space', address: '', remarks: '' });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      name: 'merchants.validation.nameShort',
      contactName: 'validation.required',
      mobile: 'merchants.validation.mobile',
      email: 'validation.email',
      industry: 'merchants.validation.industry',
    });
  });
});

describe('merchant rules', () => {
  it('refuses a duplicate name (any case) or mobile, writing nothing', () => {
    const db = memoryDb();
    createMerchant(db, input({ name: 'Huamei Flowers' }), null);
    expect(() => createMerchant(db, input({ name: 'HUAMEI flowers', mobile: '13900000000' }), null)).toThrow('merchants.errors.nameTaken');
    try {
      createMerchant(db, input({ name: '别的', mobile: '13800001111' }), null);
    } catch (e) {
      expect(e).toBeInstanceOf(ActionError);
      expect((e as ActionError).options.field).toBe('mobile');
    }
    expect(db.select().from(merchants).all()).toHaveLength(1);
  });

  it('edits, but not into another merchant’s name, and not while archived', () => {
    const db = memoryDb();
    const a = createMerchant(db, input(), null);
    createMerchant(db, input({ name: '老王面馆', mobile: '13900000000' }), null);
    expect(editMerchant(db, a.id, input({ contactName: '李' })).contactName).toBe('李');
    expect(() => editMerchant(db, a.id, input({ name: '老王面馆' }))).toThrow('merchants.errors.nameTaken');
    archiveMerchant(db, a.id);
    expect(() => editMerchant(db, a.id, input())).toThrow('merchants.archivedBlocked');
    expect(() => createMerchant(db, input({ mobile: '13700000000' }), null)).toThrow('merchants.errors.nameTakenArchived');
    expect(restoreMerchant(db, a.id).archivedAt).toBeNull();
  });

  it('deletes only a merchant without authorized mini-programs', () => {
    const db = memoryDb();
    const a = createMerchant(db, input(), null);
    db.insert(merchantApps).values({ merchantId: a.id, authAppId: '2021000000000001', status: 'authorized', authorizedAt: new Date() }).run();
    expect(() => removeMerchant(db, a.id)).toThrow('merchants.errors.deleteBlocked');
    db.update(merchantApps).set({ status: 'cancelled' }).run();
    removeMerchant(db, a.id);
    expect(db.select().from(merchants).all()).toHaveLength(0);
    expect(db.select().from(merchantApps).all()).toHaveLength(0);
  });
});

describe('merchant list', () => {
  it('searches name, contact, mobile and app id; filters; sorts; pages; hides archived', () => {
    const db = memoryDb();
    const names = ['花美花艺', '老王面馆', '老王烧烤', '100%_鲜榨果汁'];
    const rows = names.map((name, i) => createMerchant(db, input({ name, mobile: `1380000000${i}`, contactName: `联系人${i}`, industry: i ? 'catering' : 'retail' }), null));
    db.insert(merchantApps).values({ merchantId: rows[0].id, authAppId: '2021004455667788', status: 'authorized', authorizedAt: new Date() }).run();
    archiveMerchant(db, rows[3].id);
    const q = (raw: Record<string, string>) => listMerchants(db, merchantListQuerySchema.parse(raw));
    expect(q({}).total).toBe(3);
    expect(q({ q: '老王' }).rows.map((r) => r.name).sort()).toEqual(['老王烧烤', '老王面馆']);
    expect(q({ q: '联系人2' }).rows.map((r) => r.name)).toEqual(['老王烧烤']);
    expect(q({ q: '13800000001' }).rows.map((r) => r.name)).toEqual(['老王面馆']);
    expect(q({ q: '44556677' }).rows.map((r) => r.name)).toEqual(['花美花艺']);
    expect(q({ q: '44556677' }).rows[0].apps).toEqual([{ authAppId: '2021004455667788', appName: null, status: 'authorized' }]);
    expect(q({ industry: 'catering' }).total).toBe(2);
    expect(q({ q: '%' }).total).toBe(0);
    expect(q({ archived: '1', q: '100%' }).rows.map((r) => r.name)).toEqual(['100%_鲜榨果汁']);
    expect(q({ sort: 'name', order: 'asc' }).rows.map((r) => r.name)).toEqual(['老王烧烤', '老王面馆', '花美花艺'].sort());
    expect(q({ pageSize: '10', page: '2' }).rows).toHaveLength(0);
    expect(q({ sort: 'bogus', page: '-3', status: 'nope' }).total).toBe(3);
  });
});
