/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort(): Promise<number>;

/**
 * Resolves once something accepts TCP connections on 127.0.0.1:`port`; rejects after `timeoutMs`
 * with "`what` on port … did not start" (`what` defaults to `"redis-server"`).
 */
export function waitForPort(port: number, timeoutMs: number, what?: string): Promise<void>;
