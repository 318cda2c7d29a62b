// Creates staff accounts straight in the run's SQLite file, so each test gets its own unique people.
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import { E2E_DATA_DIR } from './env';

export interface TestStaff {
  id: number;
  email: string;
  name: string;
  password: string;
  role: 'owner' | 'operator' | 'viewer';
}

function open() {
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'));
  db.pragma('busy_timeout = 5000');
  return db;
}

export function createStaff(role: TestStaff['role'], label: string = role): TestStaff {
  const tag = crypto.randomBytes(4).toString('hex');
  const email = `${label}-${tag}@e2e.test`;
  const name = `${label}-${tag}`;
  const password = `Pass-${tag}-2026`;
  const db = open();
  try {
    const info = db
      .prepare(`INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, ?, ?)`)
      .run(email, name, bcrypt.hashSync(password, 4), role);
    return { id: Number(info.lastInsertRowid), email, name, password, role };
  } finally {
    db.close();
  }
}

export function readStaff(email: string): { role: string; disabled: number } | undefined {
  const db = open();
  try {
    return db.prepare(`SELECT role, disabled FROM users WHERE email = ?`).get(email) as { role: string; disabled: number } | undefined;
  } finally {
    db.close();
  }
}
