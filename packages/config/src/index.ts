export { ConfigError, EnvSchema, loadEnv, loadTestEnv, parseEnv, TestEnvSchema, type Env, type TestEnv } from './env';
