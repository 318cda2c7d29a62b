// The full catalogs: the shell's base messages plus each feature area's own file.
import type { Locale, Messages } from '../core';
import acceptance from './acceptance';
import analytics from './analytics';
import batches from './batches';
import codes from './codes';
import contract from './contract';
import drift from './drift';
import en from './en';
import fleet from './fleet';
import members from './members';
import merchants from './merchants';
import plans from './plans';
import sandbox from './sandbox';
import templates from './templates';
import versions from './versions';
import zhCN from './zh-CN';

const AREAS = [sandbox, merchants, versions, batches, templates, drift, acceptance, members, codes, contract, plans, fleet, analytics];

export const CATALOGS: Record<Locale, Messages> = {
  'zh-CN': Object.assign({}, zhCN, ...AREAS.map((a) => a['zh-CN'])),
  en: Object.assign({}, en, ...AREAS.map((a) => a.en)),
};
