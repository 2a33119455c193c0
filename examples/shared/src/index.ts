/**
 * What the example apps share: the JSON-lines logger, the environment-loading helpers and the
 * HMAC-SHA256 signature of the JSON they post (the relay checks it, the bot's alert webhook signs with it).
 * @packageDocumentation
 */
export { ConfigError, type ConfigIssue } from "./config-error.ts";
export {
  type ClusterNode,
  clusterNodes,
  commaList,
  integer,
  logLevel,
  optional,
  parseEnv,
  port,
  required,
  url,
} from "./env.ts";
export { createLogger, type Logger, type LogLevel, logLevels } from "./logger.ts";
export { type RedisCredentials, redactRedisUrl, redisCredentials } from "./redis-url.ts";
export { listenVariables, redisVariables } from "./server-env.ts";
export { checkSignature, SIGNATURE_HEADER, type SignatureProblem, signEvent, TIMESTAMP_HEADER } from "./signature.ts";
export { GRAPH_API_BASE_URL, whatsappVariables } from "./whatsapp-env.ts";
