import { exponentialDelay } from '@app/backoff';
import { Consumer, ConsumerCrashEvent } from 'kafkajs';

/** The part of a kafkajs consumer that rejoining uses. */
export type RejoinableConsumer = Pick<Consumer, 'events' | 'on' | 'connect' | 'disconnect'>;

export interface RejoinOptions {
  /** Starts consuming again, with the same handler and options as the first `run`. */
  run: () => Promise<void>;
  /**
   * True once the owner is shutting down: a crash then is part of stopping. A callback rather than
   * a method on what this returns, so that a shutdown that starts before this is called counts too.
   */
  isClosing: () => boolean;
  logger: { log(message: string): void; error(message: string): void };
}

/** The wait before the first attempt; doubled after each failed one, up to the maximum. */
export const REJOIN_FIRST_DELAY_MS = 1_000;
export const REJOIN_MAX_DELAY_MS = 30_000;

/**
 * kafkajs restarts its consumer after a retriable error only; after any other (seen on the test
 * broker: a malformed-request answer to SyncGroup during a rebalance under load) the consumer stays
 * disconnected while the process looks healthy, and its partitions go to no one. This rejoins
 * instead, with the same consumer, so that listeners on it (assignment watchers, seeks to stored
 * offsets on GROUP_JOIN) keep working: `connect` and `run` again after 1 s, and after each failed
 * attempt (one that throws, or whose join crashes again) twice as long, up to 30 s. The wait goes
 * back to 1 s once the consumer is in its group again.
 *
 * Call it before the first `run`: the first join happens inside `run`, and a crash there is the
 * likely one.
 */
export function rejoinAfterCrash(consumer: RejoinableConsumer, options: RejoinOptions): void {
  const { run, isClosing, logger } = options;
  let failures = 0;
  let rejoining = false;

  const attempt = async (): Promise<void> => {
    if (isClosing()) return;
    try {
      await consumer.connect();
      if (isClosing()) {
        // The owner shut down while this attempt connected: close what the attempt opened.
        await consumer.disconnect();
        return;
      }
      // A crash in this join does not throw (kafkajs reports it as a CRASH event): see below.
      await run();
    } catch (error) {
      if (!isClosing()) retryLater(`rejoining failed: ${(error as Error).message}`);
    }
  };

  const retryLater = (reason: string): void => {
    const delayMs = exponentialDelay(failures++, REJOIN_FIRST_DELAY_MS, REJOIN_MAX_DELAY_MS);
    logger.error(`${reason}; rejoining in ${delayMs} ms`);
    setTimeout(() => void attempt(), delayMs).unref();
  };

  consumer.on(consumer.events.CRASH, ({ payload }: ConsumerCrashEvent) => {
    if (payload.restart || isClosing()) return;
    rejoining = true;
    retryLater(`consumer stopped: ${payload.error.message}`);
  });
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (rejoining) logger.log('consumer rejoined its group');
    rejoining = false;
    failures = 0;
  });
}
