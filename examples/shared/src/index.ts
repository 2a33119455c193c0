/**
 * What the example apps share: the JSON-lines logger and the environment-loading helpers.
 * @packageDocumentation
 */
export { ConfigError, type ConfigIssue } from "./config-error.ts";
export { type ClusterNode, clusterNodes, logLevel, optional, parseEnv, port, required, url } from "./env.ts";
export { createLogger, type Logger, type LogLevel, logLevels } from "./logger.ts";
export { GRAPH_API_BASE_URL, whatsappVariables } from "./whatsapp-env.ts";
