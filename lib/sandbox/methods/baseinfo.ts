// alipay.open.mini.baseinfo.query / .modify and alipay.open.mini.category.query (contract §4 "Base info").
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { currentSettings, type SandboxContext } from '../context';
import { categories, miniApps, type MiniApp } from '../db/schema';
import { logoUrl } from '../images';
import { validateBaseInfoModify, type CategoryLookup } from '../rules/app-info';
import { parseCategoryIds } from '../rules/text-rules';
import { isOnline } from '../version-store';
import { compact, merchantOf, refusal, type MethodCall, type MethodTable } from './types';

export function categoryLookup(ctx: SandboxContext): CategoryLookup {
  return (first, second) => {
    const c = ctx.db
      .select()
      .from(categories)
      .where(and(eq(categories.categoryId, second), eq(categories.parentId, first)))
      .get();
    return c ? { name: c.name, needLicense: c.needLicense } : null;
  };
}

function categoryNames(ctx: SandboxContext, categoryIds: string | null): string | null {
  const pairs = parseCategoryIds(categoryIds ?? '') ?? [];
  if (!pairs.length) return null;
  const found = ctx.db
    .select()
    .from(categories)
    .where(inArray(categories.categoryId, pairs.flatMap((p) => [p.first, p.second])))
    .all();
  const name = (id: string) => found.find((c) => c.categoryId === id)?.name ?? id;
  return pairs.map((p) => `${name(p.first)}_${name(p.second)}`).join(';');
}

function appOf(call: MethodCall): MiniApp {
  return call.ctx.db.select().from(miniApps).where(eq(miniApps.appId, merchantOf(call).appId)).get()!;
}

export const baseInfoMethods: MethodTable = {
  'alipay.open.mini.baseinfo.query': {
    merchant: true,
    handle(call) {
      const app = appOf(call);
      return compact({
        app_name: app.appName,
        app_english_name: app.appEnglishName,
        app_slogan: app.appSlogan,
        app_logo: app.logo ? logoUrl(call.ctx.appUrl, app.appId, app.updatedAt) : null,
        app_desc: app.appDesc,
        service_phone: app.servicePhone,
        service_email: app.serviceEmail,
        category_names: categoryNames(call.ctx, app.categoryIds),
        safe_domains: JSON.parse(app.safeDomains) as string[],
      });
    },
  },
  'alipay.open.mini.baseinfo.modify': {
    merchant: true,
    handle(call) {
      const { ctx } = call;
      const app = appOf(call);
      const checked = validateBaseInfoModify({
        fields: call.fields,
        logo: call.files.app_logo,
        current: app,
        everOnline: app.everOnline,
        nameTaken: (name) =>
          !!ctx.db
            .select({ id: miniApps.appId })
            .from(miniApps)
            .where(and(eq(miniApps.appName, name), ne(miniApps.appId, app.appId)))
            .get(),
        lookupCategory: categoryLookup(ctx),
      });
      if (!checked.ok) throw refusal(checked.refusal);
      const { info, logo } = checked.value;
      if (isOnline(ctx, app.appId)) {
        // Online mini-programs change only after the platform's info review (sandbox rule).
        const pending = { ...(JSON.parse(app.pendingInfo ?? '{}') as object), ...info };
        ctx.db
          .update(miniApps)
          .set({
            pendingInfo: JSON.stringify(pending),
            ...(logo ? { pendingLogo: logo.bytes, pendingLogoMime: logo.mime } : {}),
            pendingInfoDueAt: call.now + currentSettings(ctx).reviewDelayMs,
          })
          .where(eq(miniApps.appId, app.appId))
          .run();
        return { modify_status: 'AUDITING' };
      }
      ctx.db
        .update(miniApps)
        .set({ ...info, ...(logo ? { logo: logo.bytes, logoMime: logo.mime } : {}), updatedAt: call.now })
        .where(eq(miniApps.appId, app.appId))
        .run();
      return { modify_status: 'EFFECTIVE' };
    },
  },
  'alipay.open.mini.category.query': {
    merchant: false,
    handle(call) {
      const filter = call.fields.is_filter === 'true';
      const all = call.ctx.db.select().from(categories).orderBy(asc(categories.position)).all();
      const list = all
        .filter((c) => !(filter && c.needSpecialLicense))
        .map((c) => ({
          category_id: c.categoryId,
          category_name: c.name,
          parent_category_id: c.parentId ?? '0',
          has_child: all.some((x) => x.parentId === c.categoryId),
          need_license: c.needLicense,
          need_out_door_pic: c.needOutDoorPic,
          need_special_license: c.needSpecialLicense,
        }));
      return { mini_category_list: list };
    },
  },
};
