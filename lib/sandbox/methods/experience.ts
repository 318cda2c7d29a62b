// alipay.open.mini.experience.* (contract §4): one experience version at a time, packaged over the build duration.
import { eq } from 'drizzle-orm';
import { currentSettings } from '../context';
import { versions } from '../db/schema';
import { businessError } from '../errors';
import { experienceSchemaUrl, qrImageUrl } from '../images';
import { guardExperienceCancel, guardExperienceCreate } from '../rules/versions';
import { liveVersions, toView } from '../version-store';
import { merchantOf, refusal, required, type MethodCall, type MethodTable } from './types';

function lookup(call: MethodCall) {
  const appVersion = required(call, 'app_version');
  const siblings = liveVersions(call.ctx, merchantOf(call).appId, call.bundleId);
  return { appVersion, siblings, v: siblings.find((s) => s.appVersion === appVersion) };
}

export const experienceMethods: MethodTable = {
  'alipay.open.mini.experience.create': {
    merchant: true,
    handle(call) {
      const { appVersion, siblings, v } = lookup(call);
      if (!v) throw businessError('MINIAPP_VERSION_NOT_EXSIT', `版本 ${appVersion} 不存在`);
      const bad = guardExperienceCreate(
        toView(v, call.now),
        siblings.map((s) => toView(s, call.now)),
      );
      if (bad) throw refusal(bad);
      call.ctx.db
        .update(versions)
        .set({ experienceAt: call.now, experienceDurationMs: currentSettings(call.ctx).buildDurationMs })
        .where(eq(versions.id, v.id))
        .run();
      return {};
    },
  },
  'alipay.open.mini.experience.query': {
    merchant: true,
    handle(call) {
      const { v } = lookup(call);
      const state = v ? toView(v, call.now).experience : 'none';
      if (state === 'none') return { status: 'notExpVersion' };
      if (state === 'packaging') return { status: 'expVersionPackaging' };
      const schema = experienceSchemaUrl(v!.appId, v!.appVersion);
      return { status: 'expVersionPackged', exp_qr_code_url: qrImageUrl(call.ctx.appUrl, schema), exp_schema_url: schema };
    },
  },
  'alipay.open.mini.experience.cancel': {
    merchant: true,
    handle(call) {
      const { appVersion, v } = lookup(call);
      if (!v) throw businessError('CAN_NOT_CANCEL_WITHOUT_PACKAGED', `版本 ${appVersion} 不存在`);
      const bad = guardExperienceCancel(toView(v, call.now));
      if (bad) throw refusal(bad);
      call.ctx.db.update(versions).set({ experienceAt: null, experienceDurationMs: null }).where(eq(versions.id, v.id)).run();
      return {};
    },
  },
};
