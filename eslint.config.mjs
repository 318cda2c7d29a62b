import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import tinyapp from './eslint/use-server-exports.mjs';

// Boundaries between the parts of the tree (README "Where things are"); tests/lint/boundaries.test.ts proves each
// one catches a deliberate violation.
const DB = { group: ['@/db', '@/db/*'], allowTypeImports: true, message: 'Components get plain data from pages; queries live in lib/<feature>/data.ts.' };
// Routes (pages, layouts, actions, route handlers) call lib; they get the handle from @/lib/db and never query.
const ROUTE_DB = {
  group: ['@/db', '@/db/*', 'drizzle-orm', 'drizzle-orm/*'],
  allowTypeImports: true,
  message: 'Routes call lib: queries live in lib/<feature>/data.ts; the handle to pass them comes from @/lib/db.',
};
// Lib outside the data layer names row types only: its queries live in lib/<feature>/data.ts.
// The handle itself (`getDb` from @/db) is not a query: the worker's modules take it there, since @/lib/db is server-only.
const LIB_DB = {
  group: ['@/db/*', 'drizzle-orm', 'drizzle-orm/*'],
  allowTypeImports: true,
  message: 'Queries live in lib/<feature>/data.ts (named, typed functions); elsewhere in lib import tables and drizzle-orm only as types.',
};
const APP = { group: ['@/app', '@/app/*'], message: 'lib is below app: move what both need into lib.' };
const SANDBOX = {
  group: ['@/lib/sandbox', '@/lib/sandbox/*'],
  message: 'The sandbox is the platform: the console reaches it through the gateway (lib/alipay) and configuration, never by import.',
};
// The sandbox's own surfaces: its gateway, authorization pages and the /sandbox control page.
const SANDBOX_SIDE = ['lib/sandbox/**', 'app/sandbox/**', 'app/(console)/sandbox/**', 'components/sandbox/**'];
// no-restricted-imports does not see import(): the same boundaries for dynamic imports.
const dynamic = (...patterns) =>
  patterns.flatMap(({ group, message }) =>
    group.map((g) => ({ selector: `ImportExpression[source.value=/^${g.replace('/*', '/.+').replace(/[/@]/g, '\\$&')}$/]`, message })),
  );
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
  'no-restricted-syntax': ['error', ...dynamic(...patterns)],
});
// Tests and test helpers may drive the sandbox as the platform.
const TESTS = ['**/*.test.ts', '**/testing/**'];
// Where lib may build queries: each feature's data.ts and the handle itself. The other entries are exceptions, each
// with its reason.
const DATA_LAYER = [
  'lib/**/data.ts',
  'lib/db.ts',
  // The funnel's stage predicates: SQL fragments that both lib/dashboard/data.ts and lib/merchants/data.ts build on,
  // so a stage means the same merchants on the dashboard and in the filtered list.
  'lib/dashboard/stages.ts',
  // liteque's own queue file: it takes the private file modes from db/open, not the console's tables.
  'lib/jobs/batch-queue.ts',
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next*/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**', 'next-env.d.ts', 'tests/lint/fixtures/**'] },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['components/**'], ignores: SANDBOX_SIDE, rules: restrict(DB, SANDBOX) },
  { files: ['components/sandbox/**'], rules: restrict(DB) },
  { files: ['lib/**'], ignores: [...SANDBOX_SIDE, ...TESTS], rules: restrict(APP, SANDBOX) },
  { files: ['lib/**'], ignores: [...SANDBOX_SIDE, ...TESTS, ...DATA_LAYER], rules: restrict(LIB_DB, APP, SANDBOX) },
  { files: ['lib/sandbox/**', ...TESTS.map((t) => `lib/${t}`)], rules: restrict(APP) },
  { files: ['app/**', 'proxy.ts'], ignores: SANDBOX_SIDE, rules: restrict(ROUTE_DB, SANDBOX) },
  { files: ['app/sandbox/**', 'app/(console)/sandbox/**'], rules: restrict(ROUTE_DB) },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx', 'lib/**/*.ts'],
    plugins: { tinyapp },
    // oneClick (mini-apps/actions.ts) is defineAction for the version operations that take no form.
    rules: { 'tinyapp/use-server-exports': ['error', { factories: ['defineAction', 'oneClick'] }] },
  },
];
export default config;
