/** Reading the product's own TypeScript sources, for tests that check code against configuration. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';

/** Every `.ts` file under a folder of the repository, with its text. */
export function sourcesUnder(folder: string): { file: string; text: string }[] {
  return readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file))
    .map((file) => ({ file, text: readFileSync(path.join(PROJECT_ROOT, file), 'utf8') }));
}
