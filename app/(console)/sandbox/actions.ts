'use server';
import { defineAction } from '@/lib/actions/define-action';
import * as commands from '@/lib/sandbox/control-page/commands';
import { sandboxOnly } from '@/lib/sandbox/control-page/guard';

const actions = {
  createAccount: defineAction(commands.createAccount),
  cancelAuthorization: defineAction(commands.cancelAuthorization),
  setReviewMode: defineAction(commands.setReviewMode),
  decideAudit: defineAction(commands.decideAudit),
  setInvitationAutoAccept: defineAction(commands.setInvitationAutoAccept),
  respondInvitation: defineAction(commands.respondInvitation),
  createTemplate: defineAction(commands.createTemplate),
  putTemplateVersion: defineAction(commands.putTemplateVersion),
  setTemplateQrHosts: defineAction(commands.setTemplateQrHosts),
  addPatternRoute: defineAction(commands.addPatternRoute),
  addFault: defineAction(commands.addFault),
  removeFault: defineAction(commands.removeFault),
  redeliverMessage: defineAction(commands.redeliverMessage),
  savePlatformSettings: defineAction(commands.savePlatformSettings),
  setIcpFiled: defineAction(commands.setIcpFiled),
  savePlatformLists: defineAction(commands.savePlatformLists),
};

type Input<K extends keyof typeof actions> = Parameters<(typeof actions)[K]>[0];

// 'use server' modules may export only async functions; each answers 404 outside sandbox mode.
export async function createMerchantAccount(input: Input<'createAccount'>) {
  sandboxOnly();
  return actions.createAccount(input);
}
export async function cancelMiniAppAuthorization(input: Input<'cancelAuthorization'>) {
  sandboxOnly();
  return actions.cancelAuthorization(input);
}
export async function setReviewMode(input: Input<'setReviewMode'>) {
  sandboxOnly();
  return actions.setReviewMode(input);
}
export async function decideAudit(input: Input<'decideAudit'>) {
  sandboxOnly();
  return actions.decideAudit(input);
}
export async function setInvitationAutoAccept(input: Input<'setInvitationAutoAccept'>) {
  sandboxOnly();
  return actions.setInvitationAutoAccept(input);
}
export async function respondInvitation(input: Input<'respondInvitation'>) {
  sandboxOnly();
  return actions.respondInvitation(input);
}
export async function createSandboxTemplate(input: Input<'createTemplate'>) {
  sandboxOnly();
  return actions.createTemplate(input);
}
export async function putTemplateVersion(input: Input<'putTemplateVersion'>) {
  sandboxOnly();
  return actions.putTemplateVersion(input);
}
export async function setTemplateQrHosts(input: Input<'setTemplateQrHosts'>) {
  sandboxOnly();
  return actions.setTemplateQrHosts(input);
}
export async function addPatternRoute(input: Input<'addPatternRoute'>) {
  sandboxOnly();
  return actions.addPatternRoute(input);
}
export async function addFault(input: Input<'addFault'>) {
  sandboxOnly();
  return actions.addFault(input);
}
export async function removeFault(input: Input<'removeFault'>) {
  sandboxOnly();
  return actions.removeFault(input);
}
export async function redeliverMessage(input: Input<'redeliverMessage'>) {
  sandboxOnly();
  return actions.redeliverMessage(input);
}
export async function savePlatformSettings(input: Input<'savePlatformSettings'>) {
  sandboxOnly();
  return actions.savePlatformSettings(input);
}
export async function setIcpFiled(input: Input<'setIcpFiled'>) {
  sandboxOnly();
  return actions.setIcpFiled(input);
}
export async function savePlatformLists(input: Input<'savePlatformLists'>) {
  sandboxOnly();
  return actions.savePlatformLists(input);
}
