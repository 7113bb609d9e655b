import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';

const folder = path.join(PROJECT_ROOT, 'workflows');
const files = readdirSync(folder).filter((file) => file.endsWith('.asl.json'));

describe('workflows/*.asl.json', () => {
  it('holds at least one workflow, so an empty folder cannot pass by validating nothing', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is valid Amazon States Language', (file) => {
    const definition = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as object;

    const { isValid, errorsText } = aslValidator(definition);

    expect(isValid, errorsText('\n')).toBe(true);
  });
});
