/**
 * Each function gets only the environment its registry entry gives it (infra/access-policy.ts), in
 * the cloud and in the local runtime alike. A handler that reads a setting its entry does not name
 * would find it unset in Lambda: this test reads every module a handler imports and fails first.
 *
 * Module by module, so it is conservative for plain settings (harmless to give). Variables that come
 * with an access (a table name, a secret's ARN) are not demanded here, since a module may be loaded
 * on a path that never calls the resource, and granting the access for that would widen IAM; the
 * local runtime refuses the call itself when a function really uses a resource it was not granted.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS } from '../../functions/handlers/registry.ts';
import { ACCESS_VARIABLES, environmentNames } from '../../infra/access-policy.ts';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';
import { sourcesUnder } from './source-files.ts';

/** Set by Lambda itself for every function, so no entry needs to name them. */
const LAMBDA_PROVIDED = new Set([
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
]);

const WITH_AN_ACCESS = new Set(Object.values(ACCESS_VARIABLES).flat());

/** The helpers that read a variable whose name they are given; every other read names its variable. */
const READERS = new Set(['functions/shared/config.ts', 'functions/adapters/secrets/secret.ts']);

/** A read of one variable, or of one of several (a secret's value locally, its ARN in the cloud). */
type Read = { names: string[]; file: string };

function readsIn(file: string, text: string): Read[] {
  const reads: Read[] = [];
  const add = (...names: string[]) => reads.push({ names, file });
  for (const [, name] of text.matchAll(/process\.env\.(\w+)/g)) add(name!);
  for (const [, name] of text.matchAll(/process\.env\[\s*['"](\w+)['"]\s*\]/g)) add(name!);
  for (const [, name] of text.matchAll(/\b(?:required|optional|number)Env\(\s*['"](\w+)['"]/g)) add(name!);
  for (const [, name] of text.matchAll(/\bsecret\(\s*['"](\w+)['"]\s*\)/g)) add(name!, `${name!}_ARN`);
  for (const [, service] of text.matchAll(/\bendpointFor\(\s*['"](\w+)['"]\s*\)/g))
    add(`${service!}_ENDPOINT`);
  return reads;
}

/** Reads whose variable name is computed, which the scan above could not see. */
const dynamicReads = (text: string): string[] =>
  [
    ...text.matchAll(
      /process\.env\[\s*[^'"\s][^\]]*\]|\b(?:required|optional|number)Env\(\s*[^'"\s)][^)]*\)/g,
    ),
  ].map(([match]) => match);

/** The product's own modules a handler loads (packages are not ours and stay out). */
async function modulesOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter((file) => file.startsWith('functions/'));
}

describe('settings a function reads', () => {
  it('are read by name everywhere but in the two reader helpers, so the scan sees all of them', () => {
    const hidden = sourcesUnder('functions')
      .filter(({ file }) => !READERS.has(file))
      .flatMap(({ file, text }) => dynamicReads(text).map((read) => `${file}: ${read}`));

    expect(hidden).toEqual([]);
  });

  it.each(Object.entries(ALL_FUNCTIONS))(
    '%s reads only settings its registry entry gives it',
    async (_name, definition) => {
      const given = environmentNames(definition);
      const { readFile } = await import('node:fs/promises');

      const reads = (
        await Promise.all(
          (await modulesOf(definition.entry)).map(async (file) =>
            readsIn(file, await readFile(path.join(PROJECT_ROOT, file), 'utf8')),
          ),
        )
      ).flat();
      const missing = reads
        .filter(
          ({ names }) =>
            !names.some((name) => given.has(name) || LAMBDA_PROVIDED.has(name) || WITH_AN_ACCESS.has(name)),
        )
        .map(({ names, file }) => `${names.join(' or ')} (${file})`);

      expect([...new Set(missing)].sort()).toEqual([]);
    },
  );
});
