import Database from 'better-sqlite3';
import { beforeEach, describe, expect, test } from 'vitest';
import { cacheStatements } from './statement-cache';

let sqlite: Database.Database;

beforeEach(() => {
  sqlite = cacheStatements(new Database(':memory:'));
  sqlite.exec('create table t (id integer primary key, name text)');
  sqlite.prepare('insert into t (name) values (?), (?), (?)').run('a', 'b', 'c');
});

describe('cacheStatements', () => {
  test('the same SQL gets the same compiled statement, and it still sees its new parameters', () => {
    const first = sqlite.prepare('select name from t where id = ?');
    expect(sqlite.prepare('select name from t where id = ?')).toBe(first);
    expect(first.get(1)).toEqual({ name: 'a' });
    expect(sqlite.prepare('select name from t where id = ?').get(2)).toEqual({ name: 'b' });
  });

  test('a mode one caller set does not leak to the next caller', () => {
    expect(sqlite.prepare('select id, name from t where id = ?').raw().get(1)).toEqual([1, 'a']);
    expect(sqlite.prepare('select id, name from t where id = ?').get(1)).toEqual({ id: 1, name: 'a' });
    expect(sqlite.prepare('select name from t where id = ?').pluck().get(3)).toBe('c');
    expect(sqlite.prepare('select name from t where id = ?').get(3)).toEqual({ name: 'c' });
  });

  test('a statement busy in an iteration is not handed out again', () => {
    const it = sqlite.prepare('select name from t order by id').iterate();
    expect(it.next().value).toEqual({ name: 'a' });
    expect(sqlite.prepare('select name from t order by id').all()).toHaveLength(3);
    expect([...it]).toEqual([{ name: 'b' }, { name: 'c' }]);
  });

  test('writes through a cached statement take effect', () => {
    const del = () => sqlite.prepare('delete from t where id = ?');
    expect(del().run(1).changes).toBe(1);
    expect(del().run(2).changes).toBe(1);
    expect(sqlite.prepare('select count(*) as n from t').get()).toEqual({ n: 1 });
  });

  test('the cache is bounded', () => {
    const small = cacheStatements(new Database(':memory:'), 2);
    const a = small.prepare('select 1');
    small.prepare('select 2');
    small.prepare('select 3');
    expect(small.prepare('select 1')).not.toBe(a);
  });
});
