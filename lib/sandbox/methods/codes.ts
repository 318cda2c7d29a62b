// alipay.open.app.qrcode.create and alipay.open.mini.qrcode.* (contract §4 "Codes").
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { qrRoutes, templates, versions } from '../db/schema';
import { businessError, invalidParameter } from '../errors';
import { newRouteGroup, uniqueId } from '../ids';
import { isQrSize, parseQrColor, qrImageUrl, startAppUrl } from '../images';
import { findConflict, isHostVerified, isRouteMode, MAX_ROUTES_PER_APP, parseQrHosts, parseRouteUrl, templateAllowsHost } from '../rules/qr-routes';
import { merchantOf, pageArgs, required, type MethodTable } from './types';

export const codeMethods: MethodTable = {
  'alipay.open.app.qrcode.create': {
    merchant: true,
    handle(call) {
      const { appId } = merchantOf(call);
      const page = required(call, 'url_param');
      const size = call.fields.size || 'm';
      if (!isQrSize(size)) throw invalidParameter('size', '只能为 s、m、l');
      const color = call.fields.color ? parseQrColor(call.fields.color) : null;
      if (call.fields.color && !color) throw invalidParameter('color', '应为 0xRRGGBB 格式');
      const text = startAppUrl(appId, page, call.fields.query_param);
      const base = call.ctx.appUrl;
      return {
        qr_code_url: qrImageUrl(base, text, { size, color }),
        qr_code_url_circle_white: qrImageUrl(base, text, { size, color, style: 'circle_white' }),
        qr_code_url_circle_blue: qrImageUrl(base, text, { size, style: 'circle_blue' }),
      };
    },
  },
  'alipay.open.mini.qrcode.bind': {
    merchant: true,
    handle(call) {
      const { ctx } = call;
      const { appId } = merchantOf(call);
      const hasVersion = ctx.db
        .select({ id: versions.id, templateId: versions.templateId })
        .from(versions)
        .where(and(eq(versions.appId, appId), isNull(versions.deletedAt)))
        .orderBy(desc(versions.createdAt), desc(versions.id))
        .get();
      if (!hasVersion) throw businessError('ROUTE_CREATE_NEED_VERSION', '小程序至少需要一个版本才能关联普通二维码');
      const routeUrl = call.fields.route_url ?? '';
      const url = parseRouteUrl(routeUrl);
      if (!url) throw businessError('QRCODE_ROUTE_URL_INVALID', '二维码规则地址不合法，必须以 http://、https:// 或 ftp:// 开头');
      if (!isHostVerified(url)) throw businessError('HOST_VERIFY_FAILD', `域名 ${url.hostname} 未通过校验文件验证`);
      const template = ctx.db.select({ qrHosts: templates.qrHosts }).from(templates).where(eq(templates.templateId, hasVersion.templateId)).get();
      if (!templateAllowsHost(parseQrHosts(template?.qrHosts), url)) {
        throw businessError('TEMPLATE_NOT_HAVE_HOST', `模板未配置二维码域名 ${url.hostname}，请先在模板小程序上配置该域名的普通二维码规则`);
      }
      const mode = call.fields.mode ?? '';
      if (!isRouteMode(mode)) throw invalidParameter('mode', '只能为 EXACT 或 FUZZY');
      const page = required(call, 'page_redirection');
      const existing = ctx.db.select().from(qrRoutes).where(eq(qrRoutes.appId, appId)).all();
      if (existing.length >= MAX_ROUTES_PER_APP) throw businessError('ROUTE_OVER_LIMIT', `每个小程序最多配置 ${MAX_ROUTES_PER_APP} 条二维码规则`);
      const clash = findConflict({ routeUrl, mode }, existing);
      if (clash) throw businessError('ROUTE_RULE_CONFLICT', `与已有规则 ${clash.routeUrl}（${clash.mode}）重复或重叠`);
      const routeGroup = uniqueId(newRouteGroup, (id) => !!ctx.db.select().from(qrRoutes).where(eq(qrRoutes.routeGroup, id)).get());
      ctx.db
        .insert(qrRoutes)
        .values({ routeGroup, appId, routeUrl, mode, routePattern: call.fields.route_pattern || null, pageRedirection: page, createdAt: call.now })
        .run();
      return { route_group: routeGroup };
    },
  },
  'alipay.open.mini.qrcode.unbind': {
    merchant: true,
    handle(call) {
      const { appId } = merchantOf(call);
      const routeGroup = call.fields.route_group ?? '';
      const rule = call.ctx.db.select().from(qrRoutes).where(and(eq(qrRoutes.routeGroup, routeGroup), eq(qrRoutes.appId, appId))).get();
      // A pattern rule is named by its group and its URL together.
      const named = rule && (rule.mode !== 'PATTERN' || call.fields.route_url === rule.routeUrl);
      const r = named ? call.ctx.db.delete(qrRoutes).where(eq(qrRoutes.routeGroup, routeGroup)).run() : { changes: 0 };
      if (!r.changes) throw businessError('ROUTE_GROUP_NOT_EXIST', `二维码规则 ${routeGroup} 不存在`);
      return {};
    },
  },
  'alipay.open.mini.qrcode.query': {
    merchant: true,
    handle(call) {
      const { appId } = merchantOf(call);
      const { size, offset } = pageArgs(call, { page: 'page_no', size: 'page_size' }, 10, () => invalidParameter('page_size', '不能超过 10'));
      const all = call.ctx.db.select().from(qrRoutes).where(eq(qrRoutes.appId, appId)).orderBy(asc(qrRoutes.createdAt), asc(qrRoutes.routeGroup)).all();
      return {
        qr_code_route_groups: all.slice(offset, offset + size).map((r) => ({ route_group: r.routeGroup, route_url: r.routeUrl, mode: r.mode })),
        total_items: all.length,
      };
    },
  },
};
