/**
 * Per-topic numbers kept in plain fields on the per-event path and handed to prom-client only when
 * a metric is read (its `collect` hook): a labelled `inc`/`set` hashes its labels and allocates on
 * every call, which showed in bench/producer's profile at tens of thousands of events a second.
 */
export class TopicTally {
  private readonly values = new Map<string, number>();

  /** Adds to a topic's count since the last drain. */
  add(topic: string, count = 1): void {
    this.values.set(topic, (this.values.get(topic) ?? 0) + count);
  }

  /** Replaces a topic's latest value (for gauges). */
  set(topic: string, value: number): void {
    this.values.set(topic, value);
  }

  /** Hands over what was gathered since the last drain, and forgets it. */
  drain(apply: (topic: string, value: number) => void): void {
    for (const [topic, value] of this.values) apply(topic, value);
    this.values.clear();
  }
}
