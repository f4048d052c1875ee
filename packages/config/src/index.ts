export { BenchEnvSchema, ConfigError, documentUploadBodyBytes, EnvSchema, loadBenchEnv, loadEnv, loadTestEnv, parseEnv, TestEnvSchema, type BenchEnv, type Env, type TestEnv } from './env';
