/**
 * The one set of esbuild settings for every Lambda bundle. The stack (through NodejsFunction) and
 * the bundle-size benchmark (through esbuild directly) both read it, so the benchmark measures
 * exactly what is deployed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Lambda's nodejs24.x runs Node 24; esbuild then keeps modern syntax as written. */
export const BUNDLE_TARGET = 'node24';

/**
 * ESM output needs `require` for the few CommonJS dependencies that call it on Node built-ins
 * (esbuild cannot rewrite a dynamic require inside ESM).
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __pkCreateRequire } from 'node:module'; const require = __pkCreateRequire(import.meta.url);";

/**
 * Prefer packages' ESM entry points so esbuild can tree-shake the AWS SDK v3 clients; the SDK is
 * bundled (not taken from the runtime) so each function carries only the commands it imports and a
 * pinned, tested version.
 */
export const MAIN_FIELDS = ['module', 'main'];

/**
 * Modules swapped for smaller ones that do the same in Lambda: the SDK's credential chain becomes
 * the environment provider it always resolves to there (see lambda-credentials.ts).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    'lambda-credentials.ts',
  ),
};

export const BUNDLE_SETTINGS = {
  format: 'esm',
  target: BUNDLE_TARGET,
  minify: true,
  sourceMap: true,
  // Maps without embedded sources stay small; the sources are in the repository.
  sourcesContent: false,
  mainFields: MAIN_FIELDS,
  banner: ESM_REQUIRE_BANNER,
  // Nothing external: the AWS SDK v3 clients are bundled and tree-shaken.
  externalModules: [] as string[],
} as const;

/** The same settings as plain esbuild options, for building a bundle outside CDK. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: BUNDLE_SETTINGS.format,
    target: BUNDLE_SETTINGS.target,
    minify: BUNDLE_SETTINGS.minify,
    sourcemap: BUNDLE_SETTINGS.sourceMap,
    sourcesContent: BUNDLE_SETTINGS.sourcesContent,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    banner: { js: BUNDLE_SETTINGS.banner },
    external: [...BUNDLE_SETTINGS.externalModules],
    alias: { ...BUNDLE_ALIASES },
    metafile: true,
    logLevel: 'warning',
  };
}
