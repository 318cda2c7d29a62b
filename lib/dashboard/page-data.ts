// Everything the dashboard shows, as plain data for its client view.
import 'server-only';
import type { Db } from '@/db';
import { auditActivity, gettingStarted, GETTING_STARTED_STEPS, loadAttention, loadFunnel, recentBatches, templateVersionCounts, type GettingStartedStep } from './data';

const STEP_LINKS: Record<GettingStartedStep, string> = {
  merchant: '/merchants',
  authorize: '/merchants',
  template: '/templates',
  upload: '/batches/new',
  staff: '/staff',
};

export function loadDashboard(db: Db, opts: { now: number; canManageStaff: boolean }) {
  const done = gettingStarted(db);
  const templateVersions = templateVersionCounts(db);
  const attention = loadAttention(db, opts.now, undefined, templateVersions);
  return {
    funnel: loadFunnel(db),
    attention: { ...attention, failedBatches: attention.failedBatches.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })) },
    templateVersions,
    activity: auditActivity(db, opts.now),
    recentBatches: recentBatches(db).map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
    // Only the steps not done yet, each a link to do it; the staff step only for those who may invite.
    steps: GETTING_STARTED_STEPS.filter((s) => !done[s] && (s !== 'staff' || opts.canManageStaff)).map((key) => ({ key, href: STEP_LINKS[key] })),
  };
}
