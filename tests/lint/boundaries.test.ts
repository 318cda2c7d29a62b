// The lint boundaries (eslint.config.mjs) catch a deliberate violation, and let the allowed form through. Each
// fixture is linted as if it stood at a path inside the tree, with the project's own configuration.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function lintAs(fixture: string, filePath: string) {
  const text = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: path.join(root, filePath) });
  return result.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

const rules = (messages: { rule: string | null }[]) => messages.map((m) => m.rule);

describe('lint boundaries', () => {
  it('components never import the database', async () => {
    const messages = await lintAs('component-imports-db.tsx', 'components/merchants/fixture.tsx');
    expect(rules(messages)).toEqual(['no-restricted-imports', 'no-restricted-imports']);
    expect(messages[0].message).toContain('lib/<feature>/data.ts');
  });

  it('a component may still name a row type', async () => {
    expect(await lintAs('component-imports-db-types.tsx', 'components/merchants/fixture.tsx')).toEqual([]);
  });

  it('routes never query the database themselves', async () => {
    for (const at of ['app/(console)/merchants/[id]/fixture/actions.ts', 'app/api/merchants/fixture/route.ts', 'app/sandbox/fixture/route.ts']) {
      const messages = await lintAs('route-queries-db.ts', at);
      expect(rules(messages), at).toEqual(['no-restricted-imports', 'no-restricted-imports', 'no-restricted-imports']);
      expect(messages[0].message).toContain('lib/<feature>/data.ts');
    }
  });

  it('a route may pass the handle to lib and name a row type', async () => {
    expect(await lintAs('route-calls-lib.tsx', 'app/(console)/merchants/[id]/fixture/page.tsx')).toEqual([]);
  });

  it("lib builds queries only in a folder's data.ts", async () => {
    for (const at of ['lib/merchants/fixture.ts', 'lib/plans/service-fixture.ts']) {
      const messages = await lintAs('lib-queries-outside-data.ts', at);
      expect(rules(messages), at).toEqual(['no-restricted-imports', 'no-restricted-imports']);
      expect(messages[0].message).toContain('lib/<feature>/data.ts');
    }
    expect(await lintAs('lib-queries-outside-data.ts', 'lib/merchants/data.ts')).toEqual([]);
    expect(await lintAs('lib-queries-outside-data.ts', 'lib/merchants/fixture.test.ts')).toEqual([]);
  });

  it('a lib service may call data.ts, name row types and take the handle', async () => {
    expect(await lintAs('lib-service-calls-data.ts', 'lib/merchants/fixture.ts')).toEqual([]);
  });

  it('lib never imports app', async () => {
    expect(rules(await lintAs('lib-imports-app.ts', 'lib/members/fixture.ts'))).toEqual(['no-restricted-imports']);
  });

  it('console code never imports the sandbox, statically or with import()', async () => {
    for (const at of ['lib/templates/fixture.ts', 'app/(console)/templates/fixture.ts', 'components/templates/fixture.ts']) {
      const messages = await lintAs('console-imports-sandbox.ts', at);
      expect(rules(messages), at).toEqual(['no-restricted-imports', 'no-restricted-syntax']);
      expect(messages[1].line).toBe(5);
    }
  });

  it("the sandbox's own surfaces and tests may use it", async () => {
    expect(await lintAs('console-imports-sandbox.ts', 'app/(console)/sandbox/fixture.ts')).toEqual([]);
    expect(await lintAs('console-imports-sandbox.ts', 'lib/templates/fixture.test.ts')).toEqual([]);
  });

  it("'use server' files export only async functions", async () => {
    const messages = await lintAs('use-server-exports.ts', 'app/(console)/merchants/fixture-actions.ts');
    expect(messages.map((m) => [m.rule, m.line])).toEqual([
      ['tinyapp/use-server-exports', 5],
      ['tinyapp/use-server-exports', 6],
      ['tinyapp/use-server-exports', 7],
    ]);
    expect(await lintAs('use-server-actions.ts', 'app/(console)/merchants/fixture-actions.ts')).toEqual([]);
  });
});
