/**
 * A Retry or Catch that names an error nothing can raise never matches: the retry silently never
 * happens, or the failure goes to a broader catcher. Every name in an ASL `ErrorEquals` must be an
 * error class of functions/ (a Lambda task's error name is its class name), or an error name the
 * code sends with SendTaskFailure. States.* and Lambda.* are raised by Step Functions itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';
import { sourcesUnder } from './source-files.ts';

const workflowFolder = path.join(PROJECT_ROOT, 'workflows');
const workflows = readdirSync(workflowFolder).filter((file) => file.endsWith('.asl.json'));

/** Every ErrorEquals entry of a definition, nested branches and Map processors included. */
function errorNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => errorNames(item, found));
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ErrorEquals') (value as string[]).forEach((name) => found.add(name));
      else errorNames(value, found);
    }
  return found;
}

/** Classes that extend Error, directly or through other classes of functions/. */
function errorClassNames(): Set<string> {
  const parents = new Map<string, string>();
  for (const { text } of sourcesUnder('functions'))
    for (const [, name, parent] of text.matchAll(/class\s+(\w+)\s+extends\s+(\w+)/g))
      parents.set(name!, parent!);
  const isError = (name: string | undefined, depth = 0): boolean =>
    name === 'Error' || (name !== undefined && depth < 20 && isError(parents.get(name), depth + 1));
  return new Set([...parents.keys()].filter((name) => isError(name)));
}

/** Names passed to `workflow.fail(token, NAME, cause)`, resolved from their string constants. */
function taskFailureNames(): Set<string> {
  const sources = sourcesUnder('functions');
  const constants = new Map<string, string>();
  for (const { text } of sources)
    for (const [, id, value] of text.matchAll(/export const (\w+) = '([\w.]+)'/g)) constants.set(id!, value!);
  const names = new Set<string>();
  for (const { text } of sources)
    for (const [, argument] of text.matchAll(/\.fail\([^,()]+,\s*(\w+)/g)) {
      const value = constants.get(argument!);
      if (value) names.add(value);
    }
  return names;
}

describe('ASL error names', () => {
  const known = new Set([...errorClassNames(), ...taskFailureNames()]);

  it('the scan finds the error classes and task failures it relies on', () => {
    expect(known).toContain('ConcurrentChangeError');
    expect(known).toContain('OrderCancelled');
  });

  it.each(workflows)('%s retries and catches only errors that some code can raise', (file) => {
    const definition: unknown = JSON.parse(readFileSync(path.join(workflowFolder, file), 'utf8'));

    const unknown = [...errorNames(definition)].filter(
      (name) => !name.startsWith('States.') && !name.startsWith('Lambda.') && !known.has(name),
    );

    expect(unknown, `ErrorEquals names no error class defines in ${file}`).toEqual([]);
  });
});
