// A release plan's and its waves' statuses: here, apart from the tables, so client components can name them.
export const PLAN_STATUSES = ['running', 'paused', 'finished', 'aborted'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * waiting: not started; running: its batch works; passed: gate passed; held: gate failed (the plan paused);
 * overridden: gate failed, then staff resumed; done: the last wave settled; aborted: the plan was aborted.
 */
export const WAVE_STATUSES = ['waiting', 'running', 'passed', 'held', 'overridden', 'done', 'aborted'] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];
