export { BenchEnvSchema, ConfigError, EnvSchema, loadBenchEnv, loadEnv, loadTestEnv, parseEnv, TestEnvSchema, type BenchEnv, type Env, type TestEnv } from './env';
