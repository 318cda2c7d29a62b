// alipay.open.mini.baseinfo.query / .modify and alipay.open.mini.category.query (contract §4 "Base info").
import { and, eq, ne } from 'drizzle-orm';
import { allCategories, categoryLookup, categoryNames, pathFacts, requirementText } from '../categories';
import { currentSettings } from '../context';
import { miniApps, type MiniApp } from '../db/schema';
import { businessError } from '../errors';
import { logoUrl } from '../images';
import { validateBaseInfoModify } from '../rules/app-info';
import { checkSafeDomain, MAX_SAFE_DOMAINS, sameDomain } from '../rules/safe-domains';
import { isOnline } from '../version-store';
import { compact, merchantOf, refusal, type MethodCall, type MethodTable } from './types';

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
        safe_domains: listedDomains(app),
        registration_limit_release: app.registrationLimitRelease,
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
        sensitiveWords: currentSettings(ctx).sensitiveWords,
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
      const all = allCategories(call.ctx);
      // is_filter drops what mini-programs cannot use (sandbox: categories needing a special licence).
      const shown = all.filter((c) => !(filter && c.needSpecialLicense));
      const row = (c: (typeof all)[number]) => ({
        category_id: c.categoryId,
        category_name: c.name,
        parent_category_id: c.parentId ?? '0',
        has_child: shown.some((x) => x.parentId === c.categoryId),
        need_license: c.needLicense,
        need_out_door_pic: c.needOutDoorPic,
        need_special_license: c.needSpecialLicense,
      });
      const depth = (c: (typeof all)[number]) => (c.parentId ? (all.find((p) => p.categoryId === c.parentId)?.parentId ? 3 : 2) : 1);
      // Sandbox rule (§4): category_list is the first two levels of the same tree, for the legacy app_category_ids.
      const legacy = shown.filter((c) => depth(c) <= 2).map((c) => ({ ...row(c), has_child: depth(c) === 1 && shown.some((x) => x.parentId === c.categoryId) }));
      return { mini_category_list: shown.map(row), category_list: legacy };
    },
  },
  'alipay.open.mini.category.require.query': {
    // Sandbox: with or without a merchant token (the real requirement is unverified, §4).
    merchant: false,
    handle(call) {
      const codes = categoryCodeList(call.raw.category_code_list ?? call.fields.category_code_list);
      if (codes === null) throw businessError('INVALID_PARAMS', 'category_code_list 应为字符串列表');
      if (!codes.length) throw businessError('CATEGORY_IS_BLANK', '类目编码列表不能为空');
      if (codes.length > 5) throw businessError('PARAMETER_ERROR', '一次最多查询 5 个类目');
      const all = allCategories(call.ctx);
      const list = codes.map((code) => {
        const facts = /^[^_\s]+(_[^_\s]+){1,2}$/.test(code) ? pathFacts(all, code.split('_'), 'path') : null;
        if (!facts) throw businessError('CATEGORY_ERROR', `类目 ${code} 不存在`);
        return {
          category_code: code,
          category_name: facts.pathName,
          category_requirements: requirementText(facts),
          business_licence_required: facts.needLicense,
          door_photo_required: facts.needOutDoorPic,
          special_licence_required: facts.needSpecialLicense,
        };
      });
      return { category_require_info_list: list };
    },
  },
};

/** category_code_list as a list of strings: a JSON array in biz_content (or its JSON text); null when malformed. */
function categoryCodeList(value: unknown): string[] | null {
  let v = value;
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
  return v.map((x: string) => x.trim()).filter(Boolean);
}

function listedDomains(app: MiniApp): string[] {
  try {
    const v: unknown = JSON.parse(app.safeDomains);
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

function saveDomains(call: MethodCall, app: MiniApp, list: string[]): void {
  call.ctx.db.update(miniApps).set({ safeDomains: JSON.stringify(list), updatedAt: call.now }).where(eq(miniApps.appId, app.appId)).run();
}

/** alipay.open.mini.safedomain.create / .delete (§4 Domains): one domain per call, shown at once by baseinfo.query. */
export const safeDomainMethods: MethodTable = {
  'alipay.open.mini.safedomain.create': {
    merchant: true,
    handle(call) {
      const app = appOf(call);
      const checked = checkSafeDomain(call.fields.safe_domain, currentSettings(call.ctx).blockedDomains);
      if (!checked.ok) throw refusal(checked.refusal);
      const list = listedDomains(app);
      if (list.some((d) => sameDomain(d, checked.value))) throw businessError('SAFEDOMAIN_EXSIT', `服务器域名 ${checked.value} 已存在`);
      if (list.length >= MAX_SAFE_DOMAINS) throw businessError('SAFEDOMAIN_VOER_LIMIT', `服务器域名最多 ${MAX_SAFE_DOMAINS} 个`);
      saveDomains(call, app, [...list, checked.value]);
      return {};
    },
  },
  'alipay.open.mini.safedomain.delete': {
    merchant: true,
    handle(call) {
      const app = appOf(call);
      const domain = (call.fields.safe_domain ?? '').trim();
      if (!domain) throw businessError('SAFE_DOMAIN_IS_BLANK', '服务器域名不能为空');
      // Sandbox rule: deleting a domain that is not listed succeeds (no code exists for it).
      saveDomains(call, app, listedDomains(app).filter((d) => !sameDomain(d, domain)));
      return {};
    },
  },
};
