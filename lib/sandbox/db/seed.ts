// First-start data: the ISV's templates with on-shelf versions, a category tree, and demo Alipay accounts.
import { eq } from 'drizzle-orm';
import type { SandboxIdentity } from '../identity';
import { newMiniAppId, newUserId, uniqueId } from '../ids';
import type { SandboxStore } from './client';
import { accounts, categories, miniApps, templates, templateVersions } from './schema';

/** Template versions every template starts with; the off-shelf one is newer than the latest on-shelf one on purpose. */
export const SEED_TEMPLATE_VERSIONS = [
  { version: '0.1.0', onShelf: true },
  { version: '0.2.0', onShelf: true },
  { version: '1.0.0', onShelf: true },
  { version: '1.1.0', onShelf: false },
];

/** A template owned by another ISV app, so that TEMPLATE_ID_ISVAPPID_NOT_MATCH can be exercised. */
export const FOREIGN_TEMPLATE = { templateId: '2021004199990001', isvAppId: '2021009900000001', name: '其他服务商的模板' };

type CategorySeed = { id: string; name: string; license?: boolean; outDoor?: boolean; special?: boolean; children?: CategorySeed[] };

/**
 * A 3-level tree with qualification flags (§7). Where a node has children, only its leaves may be chosen for
 * mini_category_ids (sandbox rule); the third level exists under some second-level nodes only, as on the platform.
 */
export const SEED_CATEGORIES: CategorySeed[] = [
  {
    id: '1001',
    name: '餐饮',
    children: [
      { id: '100101', name: '中餐正餐', license: true, outDoor: true },
      { id: '100102', name: '快餐简餐', outDoor: true },
      {
        id: '100103',
        name: '饮品甜点',
        children: [
          { id: '10010301', name: '咖啡' },
          { id: '10010302', name: '茶饮' },
          { id: '10010303', name: '烘焙甜品', license: true },
        ],
      },
    ],
  },
  {
    id: '1002',
    name: '零售',
    children: [
      { id: '100201', name: '超市便利店' },
      { id: '100202', name: '服饰鞋包' },
      { id: '100203', name: '鲜花绿植' },
    ],
  },
  {
    id: '1003',
    name: '生活服务',
    children: [
      { id: '100301', name: '家政保洁' },
      { id: '100302', name: '开锁换锁', license: true },
      { id: '100303', name: '洗衣洗护' },
    ],
  },
  {
    id: '1004',
    name: '医疗健康',
    children: [
      {
        id: '100401',
        name: '药品零售',
        license: true,
        special: true,
        children: [
          { id: '10040101', name: '处方药', license: true, special: true },
          { id: '10040102', name: '非处方药', license: true },
        ],
      },
      { id: '100402', name: '健康咨询' },
    ],
  },
  {
    id: '1005',
    name: '工具',
    children: [
      { id: '100501', name: '效率工具' },
      { id: '100502', name: '信息查询' },
    ],
  },
];

export const DEMO_PASSWORD = 'sandbox123';

const DEMO_MERCHANTS = [
  {
    logonId: 'huamei@example.com',
    name: '杭州花美花艺有限公司',
    apps: [{ appName: '花美花艺', categoryIds: '1002_100203', slogan: '每天一束好花，送到您身边', phone: '0571-88880001' }],
  },
  {
    logonId: 'laowang@example.com',
    name: '老王餐饮管理有限公司',
    apps: [
      { appName: '老王面馆', categoryIds: '1001_100102', slogan: '一碗好面，二十年老味道', phone: '0571-88880002' },
      { appName: '老王烧烤', categoryIds: '1001_100102', slogan: '炭火慢烤，夜宵好去处', phone: '0571-88880003' },
    ],
  },
];

/** Alipay accounts of people who can be invited as developers or experience members. */
const DEMO_PEOPLE = [
  { logonId: '13800000001', name: '开发者小李' },
  { logonId: '13800000002', name: '体验员小张' },
  { logonId: 'tester@example.com', name: '测试员小陈' },
];

function seedTemplates(store: SandboxStore, identity: SandboxIdentity, now: number): void {
  const { db } = store;
  const owned = [...identity.templates.map((t) => ({ ...t, isvAppId: identity.appId })), FOREIGN_TEMPLATE];
  for (const t of owned) {
    if (db.select().from(templates).where(eq(templates.templateId, t.templateId)).get()) continue;
    db.insert(templates).values({ templateId: t.templateId, isvAppId: t.isvAppId, name: t.name, createdAt: now }).run();
    SEED_TEMPLATE_VERSIONS.forEach((v, i) => {
      db.insert(templateVersions).values({ templateId: t.templateId, version: v.version, onShelf: v.onShelf, createdAt: now + i }).run();
    });
  }
}

function seedCategories(store: SandboxStore): void {
  const { db } = store;
  // Row by row, so a sandbox created before a level was added gets it too.
  const put = (c: CategorySeed, parentId: string | null, position: number) => {
    if (!db.select().from(categories).where(eq(categories.categoryId, c.id)).get()) {
      db.insert(categories)
        .values({ categoryId: c.id, name: c.name, parentId, needLicense: !!c.license, needOutDoorPic: !!c.outDoor, needSpecialLicense: !!c.special, position })
        .run();
    }
    c.children?.forEach((child, i) => put(child, c.id, i));
  };
  SEED_CATEGORIES.forEach((c, i) => put(c, null, i));
}

function seedAccounts(store: SandboxStore, now: number): void {
  const { db } = store;
  if (db.select().from(accounts).limit(1).get()) return;
  const userTaken = (id: string) => !!db.select().from(accounts).where(eq(accounts.userId, id)).get();
  const appTaken = (id: string) => !!db.select().from(miniApps).where(eq(miniApps.appId, id)).get();
  for (const m of DEMO_MERCHANTS) {
    const userId = uniqueId(newUserId, userTaken);
    db.insert(accounts).values({ userId, logonId: m.logonId, name: m.name, password: DEMO_PASSWORD, createdAt: now }).run();
    for (const a of m.apps) {
      db.insert(miniApps)
        .values({
          appId: uniqueId(newMiniAppId, appTaken),
          ownerUserId: userId,
          appName: a.appName,
          appSlogan: a.slogan,
          categoryIds: a.categoryIds,
          servicePhone: a.phone,
          createdAt: now,
        })
        .run();
    }
  }
  for (const p of DEMO_PEOPLE) {
    db.insert(accounts).values({ userId: uniqueId(newUserId, userTaken), logonId: p.logonId, name: p.name, password: DEMO_PASSWORD, createdAt: now }).run();
  }
}

/** Idempotent: each part only fills what is missing, inside one write transaction. */
export function seedSandbox(store: SandboxStore, identity: SandboxIdentity, now: number): void {
  store.sqlite
    .transaction(() => {
      seedTemplates(store, identity, now);
      seedCategories(store);
      seedAccounts(store, now);
    })
    .immediate();
}
