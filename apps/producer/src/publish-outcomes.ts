import { BufferOverflowError } from '@app/messaging';
import { Logger } from '@nestjs/common';
import * as metrics from './producer.metrics';

/**
 * Counts what became of each published event and logs the losses: a failure per event, drops
 * (Kafka buffer full) once when they start and then as a running total every few seconds, so an
 * outage is visible in the log without one line per dropped event.
 */
export class PublishOutcomes {
  private dropped = 0;
  private droppedLogged = 0;
  private lastDropLogAt = 0;

  constructor(
    private readonly logger: Logger,
    private readonly dropLogIntervalMs = 5_000,
  ) {}

  track(topic: string, sent: Promise<void>): void {
    sent.then(
      () => metrics.eventsPublished.inc({ topic }),
      (error: Error) => this.failed(topic, error),
    );
  }

  private failed(topic: string, error: Error): void {
    if (!(error instanceof BufferOverflowError)) {
      metrics.publishFailures.inc({ topic });
      this.logger.warn(`publish to ${topic} failed: ${error.message}`);
      return;
    }
    metrics.eventsDropped.inc({ topic });
    this.dropped++;
    const now = Date.now();
    if (this.droppedLogged === 0 || now - this.lastDropLogAt >= this.dropLogIntervalMs) {
      this.logger.error(`${error.message}; ${this.dropped} events dropped so far`);
      this.droppedLogged = this.dropped;
      this.lastDropLogAt = now;
    }
  }
}
