import { SWAP_TOPIC } from '@app/contracts';
import {
  ChainSwap,
  KNOWN_POOLS,
  PoolDirectory,
  SimulatedSwapFeed,
  SwapFeed,
  SwapSkip,
  UniswapLogReplay,
} from '@app/exchange';
import { EventPublisher } from '@app/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { PublishOutcomes } from '../publish-outcomes';
import * as metrics from '../producer.metrics';
import { replayPace, SWAP_INGEST_OPTIONS, SwapIngestOptions } from './swap-ingest.options';

const topic = SWAP_TOPIC.name;

/** Swap events from the simulated chain or the recorded Uniswap v3 logs into `dex.swap.v1`. */
@Injectable()
export class SwapIngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SwapIngestService.name);
  private readonly outcomes = new PublishOutcomes(this.logger);
  private feed: SwapFeed | null = null;

  constructor(
    @Inject(SWAP_INGEST_OPTIONS) private readonly options: SwapIngestOptions,
    private readonly publisher: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    const options = this.options;
    switch (options.kind) {
      case 'off':
        return;
      case 'sim':
        this.feed = new SimulatedSwapFeed({ pools: KNOWN_POOLS, ...options });
        this.logger.log('reading swaps from the simulated chain');
        break;
      case 'replay': {
        const pools = new PoolDirectory(options.pools);
        this.feed = new UniswapLogReplay({
          dir: options.dir,
          pools,
          ...replayPace(options.swapsPerSecond),
          skipped: (skip) => this.skipped(skip),
        });
        this.logger.log(
          `reading swaps from ${options.dir} at ${options.swapsPerSecond}/s; pools: ${pools.describe().join(', ')}`,
        );
        break;
      }
    }
    this.feed.start((swaps) => this.publishAll(swaps));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed?.stop();
  }

  private publishAll(swaps: ChainSwap[]): void {
    const producedAt = Date.now();
    metrics.received.add(topic, swaps.length);
    for (const swap of swaps) {
      let sent: Promise<void>;
      try {
        sent = this.publisher.publish(SWAP_TOPIC, { ...swap, producedAt });
      } catch (error) {
        // The contract refused it: one bad swap must not stop the others (or the process).
        metrics.publishFailures.inc({ topic });
        this.logger.warn(`invalid ${topic} event dropped: ${(error as Error).message}`);
        continue;
      }
      this.outcomes.track(topic, sent);
    }
  }

  /** A replay left recorded swaps out: said once per file and reason, counted per swap. */
  private skipped({ reason, file, count, detail }: SwapSkip): void {
    metrics.swapsSkipped.inc({ reason }, count);
    const what = reason === 'unreadable' ? 'unreadable' : `${count} ${reason} line(s) skipped`;
    this.logger.warn(`${file}: ${what}: ${detail}`);
  }
}
