// alipay.open.mini.templatelist.query and alipay.open.mini.instantiate.query (contract §4 "Templates"): the ISV's own
// calls, no merchant token. Template version statuses are a sandbox rule: on shelf = RELEASE, off shelf = OFFLINE.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { miniApps, templates, templateVersions, versions, type Version } from '../db/schema';
import { invalidParameter } from '../errors';
import { logoUrl, qrImageUrl, startAppUrl } from '../images';
import { formatBeijingOrNull } from '../protocol/time';
import { compareVersions } from '../rules/versions';
import { compact, pageArgs, type MethodCall, type MethodTable } from './types';

export const INSTANTIATE_MAX_PAGE_SIZE = 50;

const templateList = {
  merchant: false,
  handle(call: MethodCall) {
    const { db } = call.ctx;
    const owned = db.select().from(templates).where(eq(templates.isvAppId, call.isvAppId)).orderBy(asc(templates.createdAt)).all();
    const all = owned.length
      ? db
          .select()
          .from(templateVersions)
          .where(
            inArray(
              templateVersions.templateId,
              owned.map((t) => t.templateId),
            ),
          )
          .all()
      : [];
    return {
      app_list: owned.map((t) => compact({
        mini_app_id: t.templateId,
        app_name: t.name,
        // The sandbox keeps no template logos: the field is left out, as the platform leaves out what it lacks.
        date_create: formatBeijingOrNull(t.createdAt),
        version_list: all
          .filter((v) => v.templateId === t.templateId)
          .sort((a, b) => compareVersions(b.version, a.version))
          .map((v) => ({ template_version: v.version, version_status: v.onShelf ? 'RELEASE' : 'OFFLINE' })),
      })),
    };
  },
};

interface Instance {
  appId: string;
  top: Version;
  online: boolean;
}

const instantiateQuery = {
  merchant: false,
  handle(call: MethodCall) {
    const { db } = call.ctx;
    const { size, page } = pageArgs(call, { page: 'page_no', size: 'page_size' }, Number.MAX_SAFE_INTEGER, () => invalidParameter('page_size'));
    // Sandbox rule: a larger page is capped, not refused.
    const pageSize = Math.min(size, INSTANTIATE_MAX_PAGE_SIZE);
    const start = (page - 1) * pageSize;
    const full = call.fields.query_full === 'true';
    const owned = db.select().from(templates).where(eq(templates.isvAppId, call.isvAppId)).all();
    const names = new Map(owned.map((t) => [t.templateId, t.name]));
    const live = owned.length
      ? db
          .select()
          .from(versions)
          .where(
            and(
              inArray(
                versions.templateId,
                owned.map((t) => t.templateId),
              ),
              isNull(versions.deletedAt),
            ),
          )
          .all()
      : [];
    const byApp = new Map<string, Instance>();
    for (const v of live) {
      const had = byApp.get(v.appId);
      if (!had) byApp.set(v.appId, { appId: v.appId, top: v, online: v.status === 'RELEASE' });
      else {
        if (compareVersions(v.appVersion, had.top.appVersion) > 0) had.top = v;
        if (v.status === 'RELEASE') had.online = true;
      }
    }
    const apps = byApp.size
      ? db
          .select()
          .from(miniApps)
          .where(inArray(miniApps.appId, [...byApp.keys()]))
          .all()
      : [];
    const appOf = new Map(apps.map((a) => [a.appId, a]));
    const { template_id: templateId, mini_app_id: miniAppId, mini_app_name: nameLike } = call.fields;
    const rows = [...byApp.values()]
      .filter((i) => (!templateId || i.top.templateId === templateId) && (!miniAppId || i.appId === miniAppId))
      .filter((i) => !nameLike || (appOf.get(i.appId)?.appName ?? '').includes(nameLike))
      .sort((a, b) => b.top.createdAt - a.top.createdAt || b.top.id - a.top.id);
    const list = rows.slice(start, start + pageSize).map((i) => {
      const app = appOf.get(i.appId);
      return compact({
        mini_app_id: i.appId,
        app_name: app?.appName ?? '',
        logo_url: app?.logo ? logoUrl(call.ctx.appUrl, i.appId, app.updatedAt) : null,
        template_id: i.top.templateId,
        template_name: full ? (names.get(i.top.templateId) ?? '') : null,
        template_version: i.top.templateVersion,
        latest_version: i.top.appVersion,
        latest_version_status: i.top.status,
        qr_code_url: full ? qrImageUrl(call.ctx.appUrl, startAppUrl(i.appId, 'pages/index/index')) : null,
        status: i.online ? 'ONLINE' : 'OFFLINE',
      });
    });
    return { instantiate_list: list, page_no: String(page), page_size: String(pageSize), total_items: String(rows.length) };
  },
};

export const templateMethods: MethodTable = {
  'alipay.open.mini.templatelist.query': templateList,
  'alipay.open.mini.instantiate.query': instantiateQuery,
};
