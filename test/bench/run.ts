/**
 * `npm run bench`: runs every benchmark module in this folder (files ending in .bench.ts, each
 * exporting `run(): Promise<BenchTable>`) and prints one Markdown table each. `npm run bench -- name`
 * runs only the modules whose file name contains `name`.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, type BenchTable } from './table.ts';

const folder = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const modules = (await readdir(folder))
  .filter((file) => file.endsWith('.bench.ts') && (!filter || file.includes(filter)))
  .sort();
if (!modules.length) {
  console.error(`No benchmark matches "${filter ?? ''}"`);
  process.exit(1);
}
console.log(
  `# Benchmarks (${new Date().toISOString()}, Node ${process.version}, ${process.platform}/${process.arch})\n`,
);
let failed = false;
for (const file of modules) {
  const started = Date.now();
  process.stderr.write(`running ${file} ...\n`);
  try {
    const bench = (await import(pathToFileURL(path.join(folder, file)).href)) as {
      run: () => Promise<BenchTable>;
    };
    console.log(printTable(await bench.run()));
    process.stderr.write(`done ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failed = true;
    console.error(`${file} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
