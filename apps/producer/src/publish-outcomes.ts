import { BufferOverflowError } from '@app/messaging';
import { Logger } from '@nestjs/common';
import * as metrics from './producer.metrics';

/** The events published against one promise, per topic; a Kafka batch's events share one. */
interface Tracked {
  sent: Promise<void>;
  counts: Map<string, number>;
  settled: boolean;
}

/**
 * Counts what became of each published event and logs the losses: a failure per topic and batch,
 * drops (Kafka buffer full) once when they start and then as a running total every few seconds,
 * so an outage is visible in the log without one line per dropped event.
 *
 * Consecutive events that share a publish promise (the events of one Kafka batch) are counted
 * under one handler: a handler, and the promise `then` makes, per event was a measurable share of
 * the producer's garbage at tens of thousands of events a second.
 */
export class PublishOutcomes {
  private current: Tracked | null = null;
  private dropped = 0;
  private droppedLogged = 0;
  private lastDropLogAt = 0;

  constructor(
    private readonly logger: Logger,
    private readonly dropLogIntervalMs = 5_000,
  ) {}

  track(topic: string, sent: Promise<void>): void {
    let tracked = this.current;
    if (tracked === null || tracked.sent !== sent || tracked.settled) {
      tracked = { sent, counts: new Map(), settled: false };
      this.current = tracked;
      const settling = tracked;
      sent.then(
        () => this.settle(settling, (t, count) => metrics.published.add(t, count)),
        (error: Error) => this.settle(settling, (t, count) => this.failed(t, count, error)),
      );
    }
    tracked.counts.set(topic, (tracked.counts.get(topic) ?? 0) + 1);
  }

  private settle(tracked: Tracked, apply: (topic: string, count: number) => void): void {
    tracked.settled = true;
    if (this.current === tracked) this.current = null;
    for (const [topic, count] of tracked.counts) apply(topic, count);
  }

  private failed(topic: string, count: number, error: Error): void {
    if (!(error instanceof BufferOverflowError)) {
      metrics.publishFailures.inc({ topic }, count);
      const events = count === 1 ? '' : ` (${count} events)`;
      this.logger.warn(`publish to ${topic} failed${events}: ${error.message}`);
      return;
    }
    metrics.eventsDropped.inc({ topic }, count);
    this.dropped += count;
    const now = Date.now();
    if (this.droppedLogged === 0 || now - this.lastDropLogAt >= this.dropLogIntervalMs) {
      this.logger.error(`${error.message}; ${this.dropped} events dropped so far`);
      this.droppedLogged = this.dropped;
      this.lastDropLogAt = now;
    }
  }
}
