import { SWAP_TOPIC } from '@app/contracts';
import {
  ChainSwap,
  KNOWN_POOLS,
  SimulatedSwapFeed,
  SwapFeed,
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
import { SWAP_INGEST_OPTIONS, SwapIngestOptions } from './swap-ingest.options';

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
        break;
      case 'replay':
        this.feed = new UniswapLogReplay({ dir: options.dir });
        break;
    }
    this.feed.start((swaps) => this.publishAll(swaps));
    this.logger.log(
      `reading swaps from the ${options.kind === 'sim' ? 'simulated chain' : options.dir}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed?.stop();
  }

  private publishAll(swaps: ChainSwap[]): void {
    const producedAt = Date.now();
    metrics.received.add(topic, swaps.length);
    for (const swap of swaps) {
      this.outcomes.track(topic, this.publisher.publish(SWAP_TOPIC, { ...swap, producedAt }));
    }
  }
}
