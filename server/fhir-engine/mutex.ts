/**
 * Serialises async work. The engine awaits between the entries of a
 * transaction, so without this a concurrent request could read or write
 * half of a transaction that is later rolled back.
 */
export function createMutex(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
