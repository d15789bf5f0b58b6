/**
 * Thrown by a batch handler whose transaction found a stored offset other than the batch's
 * `fromOffset`: another consumer moved the partition on (a rebalance this one has not seen yet).
 * The transaction rolls back and the consumer resumes from `storedOffset`.
 */
export class StaleOffsetError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly storedOffset: string,
    expectedOffset: string,
  ) {
    super(
      `${topic}[${partition}]: stored offset ${storedOffset}, this consumer expected ${expectedOffset}`,
    );
    this.name = StaleOffsetError.name;
  }
}
