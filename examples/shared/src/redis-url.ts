// What both apps read out of REDIS_URL beside host and port: the user name, password and TLS a Redis
// Cluster's nodes borrow from it, and the one way to keep it (it may carry a password) out of a log line.

/** The user name, password and TLS (`rediss:`) a `redis:` or `rediss:` URL carries, as ioredis options take them. */
export interface RedisCredentials {
  username?: string;
  password?: string;
  tls?: Record<string, never>;
}

/** The credentials of `url`; none when `url` is undefined. */
export function redisCredentials(url: string | undefined): RedisCredentials {
  if (url === undefined) return {};
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
  };
}

/** `message` with every copy of `url` replaced by `<REDIS_URL>`: name the variable, never the value. */
export function redactRedisUrl(message: string, url: string | undefined): string {
  return url ? message.replaceAll(url, "<REDIS_URL>") : message;
}
