/**
 * Runs async tasks one at a time, in call order. PGlite has a single session, so a transaction must
 * own it from BEGIN to COMMIT; without this, a second caller's statements would land inside it.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The next task waits for this one to settle, whether it succeeded or not.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
