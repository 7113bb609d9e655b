/**
 * `npm run bench`: runs every benchmark module in this folder (files ending in .bench.ts, each
 * exporting `run(): Promise<BenchTable>`) and prints one Markdown table each. `npm run bench -- name`
 * runs only the modules whose file name contains `name`.
 *
 * Each module runs in a process of its own: the benchmarks point the adapters at different DynamoDB
 * Local instances through the environment, and the adapters keep their clients for the life of a
 * process, as they do in a Lambda instance. A fresh process also keeps one benchmark's garbage out
 * of the next one's timings.
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, type BenchTable } from './table.ts';

const ONE = '--one';
const folder = path.dirname(fileURLToPath(import.meta.url));

async function runOne(file: string): Promise<void> {
  const bench = (await import(pathToFileURL(path.join(folder, file)).href)) as {
    run: () => Promise<BenchTable>;
  };
  console.log(printTable(await bench.run()));
}

if (process.argv[2] === ONE) {
  await runOne(process.argv[3] as string);
  process.exit(0);
}

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
const failed: string[] = [];
for (const file of modules) {
  const started = Date.now();
  process.stderr.write(`running ${file} ...\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ONE, file], {
    stdio: 'inherit',
  });
  if (child.status === 0)
    process.stderr.write(`done ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  else {
    failed.push(file);
    console.error(`${file} failed (exit ${child.status ?? child.signal})`);
  }
}
if (failed.length) console.error(`Failed: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
