// Every OpenAPI method the sandbox answers (contract §3 and §4).
import { authMethods } from './auth';
import { baseInfoMethods, safeDomainMethods } from './baseinfo';
import { codeMethods } from './codes';
import { dataAnalysisMethods } from './data-analysis';
import { experienceMethods } from './experience';
import { memberMethods } from './members';
import { templateMethods } from './templates';
import type { MethodSpec, MethodTable } from './types';
import { versionMethods } from './versions';

export const METHODS: MethodTable = {
  ...authMethods,
  ...versionMethods,
  ...experienceMethods,
  ...baseInfoMethods,
  ...safeDomainMethods,
  ...memberMethods,
  ...codeMethods,
  ...templateMethods,
  ...dataAnalysisMethods,
};

export function findMethod(name: string): MethodSpec | undefined {
  return Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
}
