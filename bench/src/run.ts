/**
 * `pnpm bench [scenario…] [--mode=pglite|postgres|both] [--iterations=N] [--warmup=N] [--concurrency=N]`
 *
 * Loads every module in `src/scenarios/` (or the ones named), runs each in the selected database
 * modes, prints a table and writes `bench/results/<scenario>.json`. See README.md for the contract.
 */
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadBenchEnv } from '@devmentor/config';
import { formatTable, postgresReachable, writeResults, type BenchRow, type DatabaseMode, type Scenario, type ScenarioOptions } from './lib';

const scenariosDir = fileURLToPath(new URL('./scenarios', import.meta.url));

interface Args {
  names: string[];
  mode: 'pglite' | 'postgres' | 'both';
  iterations: number;
  warmup: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { names: [], mode: 'both', iterations: 300, warmup: 200, concurrency: 8 };
  for (const arg of argv) {
    const [flag, value = ''] = arg.split('=');
    if (flag === '--mode' && (value === 'pglite' || value === 'postgres' || value === 'both')) args.mode = value;
    else if (flag === '--iterations' && Number(value) > 0) args.iterations = Number(value);
    else if (flag === '--warmup' && Number(value) >= 0) args.warmup = Number(value);
    else if (flag === '--concurrency' && Number(value) > 0) args.concurrency = Number(value);
    else if (arg === '--') continue;
    else if (!arg.startsWith('--')) args.names.push(arg);
    else throw new Error(`unknown option ${arg}`);
  }
  return args;
}

async function loadScenarios(names: string[]): Promise<Scenario[]> {
  const files = (await readdir(scenariosDir)).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')).sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(`${scenariosDir}/${file}`).href)) as Partial<Scenario>;
    if (typeof module.name !== 'string' || typeof module.run !== 'function') throw new Error(`${file} must export name and run`);
    if (names.length === 0 || names.includes(module.name) || names.includes(basename(file, '.ts'))) scenarios.push(module as Scenario);
  }
  const unknown = names.filter((name) => !scenarios.some((scenario) => scenario.name === name) && !files.includes(`${name}.ts`));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; available: ${files.map((file) => basename(file, '.ts')).join(', ')}`);
  return scenarios;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { BENCH_DATABASE_URL } = loadBenchEnv();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const modes: DatabaseMode[] = [];
  if (args.mode !== 'postgres') modes.push('pglite');
  if (args.mode !== 'pglite') {
    if (await postgresReachable(BENCH_DATABASE_URL)) modes.push('postgres');
    else log(`PostgreSQL is not reachable at ${new URL(BENCH_DATABASE_URL).host}: the postgres mode is skipped`);
  }
  const options: ScenarioOptions = { modes, iterations: args.iterations, warmup: args.warmup, concurrency: args.concurrency, postgresUrl: BENCH_DATABASE_URL, log };
  const scenarios = await loadScenarios(args.names);
  let failed = false;
  for (const scenario of scenarios) {
    log(`\n== ${scenario.name}${scenario.description ? `: ${scenario.description}` : ''} (${modes.join(', ')})`);
    let rows: BenchRow[];
    try {
      rows = await scenario.run(options);
    } catch (error) {
      failed = true;
      log(`${scenario.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      continue;
    }
    process.stdout.write(`\n${scenario.name}\n${formatTable(rows)}\n`);
    log(`written to ${await writeResults(scenario.name, rows)}`);
  }
  // A missed target is a finding to report, not a failure; a scenario that crashed is.
  process.exitCode = failed ? 1 : 0;
}

await main();
