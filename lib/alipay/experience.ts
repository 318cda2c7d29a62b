// Experience versions: a QR code testers scan to try a version before release.
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient } from './client';
import { merchantRequest, openEnum, optionalText } from './common';
import type { VersionRef } from './versions';

export const EXPERIENCE_STATUSES = ['expVersionPackaging', 'expVersionPackged', 'notExpVersion'] as const;
export type ExperienceStatus = (typeof EXPERIENCE_STATUSES)[number];

/** Starts packaging the version as the experience version; poll `queryExperience`. */
export async function createExperience(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.experience.create', z.object({}), merchantRequest(input, { app_version: input.appVersion }));
}

const experienceSchema = z.object({
  /** `expVersionPackged` (sic) once the QR code is ready. */
  status: openEnum(EXPERIENCE_STATUSES),
  expQrCodeUrl: optionalText,
  expSchemaUrl: optionalText,
});
export type ExperienceState = z.output<typeof experienceSchema>;

export function queryExperience(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<ExperienceState> {
  return client.call('alipay.open.mini.experience.query', experienceSchema, merchantRequest(input, { app_version: input.appVersion }));
}

export async function cancelExperience(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.experience.cancel', z.object({}), merchantRequest(input, { app_version: input.appVersion }));
}
