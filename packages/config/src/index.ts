export { ZEnv, type TEnv, parseEnv, loadEnv, requireEnv, ConfigError } from "./env";
