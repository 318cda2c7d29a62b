// Values the Playwright config put in the environment for this run.
import path from 'node:path';

export const E2E_DATA_DIR = process.env.E2E_DATA_DIR!;
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3123}`;
export const OWNER = { email: 'owner@e2e.test', password: 'Owner-pass-2026' };
export const AUTH_DIR = path.join(__dirname, '..', '.auth');
export const storageStateOf = (role: 'owner' | 'operator' | 'viewer') => path.join(AUTH_DIR, `${role}.json`);
