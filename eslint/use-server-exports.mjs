// A 'use server' module is a list of endpoints: everything it exports becomes callable from the browser, so it may
// export only async functions (or what an action factory such as defineAction returns). Schemas, types and
// constants belong in lib/validation or the feature's lib folder.
const isUseServer = (program) =>
  program.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use server');

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "'use server' files export only async functions" },
    schema: [{ type: 'object', properties: { factories: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      notAsync: "'use server' files export only async functions; move {{what}} to lib (e.g. lib/validation).",
    },
  },
  create(context) {
    const factories = new Set(context.options[0]?.factories ?? ['defineAction']);
    const okInit = (init) =>
      !!init &&
      (((init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') && init.async) ||
        (init.type === 'CallExpression' && init.callee.type === 'Identifier' && factories.has(init.callee.name)));
    let active = false;
    const report = (node, what) => context.report({ node, messageId: 'notAsync', data: { what } });
    return {
      Program(node) {
        active = isUseServer(node);
      },
      ExportNamedDeclaration(node) {
        if (!active) return;
        const d = node.declaration;
        if (!d) {
          if (node.exportKind !== 'type') report(node, 're-exports');
          else report(node, 'type exports');
          return;
        }
        if (d.type === 'FunctionDeclaration') {
          if (!d.async) report(node, `function ${d.id?.name ?? ''}`.trim());
        } else if (d.type === 'VariableDeclaration') {
          for (const v of d.declarations) if (!okInit(v.init)) report(v, v.id.name ?? 'this value');
        } else {
          report(node, d.id?.name ? `${d.id.name}` : 'this declaration');
        }
      },
      ExportDefaultDeclaration(node) {
        if (active && !(node.declaration.type === 'FunctionDeclaration' && node.declaration.async)) report(node, 'the default export');
      },
      ExportAllDeclaration(node) {
        if (active) report(node, 're-exports');
      },
    };
  },
};

const plugin = { rules: { 'use-server-exports': rule } };
export default plugin;
