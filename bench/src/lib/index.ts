export { openBenchDatabase, openPgliteCopy, postgresReachable, type BenchDatabase, type PgliteOptions } from './database';
export { corpusCache, type CorpusCache } from './corpus-cache';
export { formatTable, resultsDir, writeResults } from './report';
export { createHttpFetch, type LeanResponse } from './http-fetch';
export { benchClient, ServerTimings, startBenchServer, type BenchClientOptions, type BenchServer } from './server';
export { percentile, summarize, type Summary } from './stats';
export { measure, measureInterleaved, time, type Measurement, type MeasureOptions } from './timer';
export type { BenchRow, DatabaseMode, Scenario, ScenarioOptions } from './types';
