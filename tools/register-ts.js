// Runs the repository's TypeScript directly: transpile-only (no type check; `tsc --noEmit` does that).
// With legacy decorators (the apps' Nest providers are decorated classes) plus the `@app/*` path
// aliases of tsconfig.json. For the benchmarks, which run the apps from source, and for worker
// threads started from source (under jest, whose own transform does not reach a worker).
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

const root = path.join(__dirname, '..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
tsconfigPaths.register({ baseUrl: root, paths: config.compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
