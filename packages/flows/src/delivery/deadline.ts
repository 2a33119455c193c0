/**
 * Settles as `promise` does, or rejects with `timeoutError()` once `ms` have passed, whichever comes
 * first. The promise itself is not cancelled; the timer never keeps the process alive.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, timeoutError: () => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
