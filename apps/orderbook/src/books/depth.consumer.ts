import { DEPTH_TOPIC, DepthDiffEvent } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { OrderbookService } from './orderbook.service';

/** md.depth.v1 in (already validated; invalid messages went to the dead-letter topic). */
@Controller()
export class DepthConsumer {
  constructor(private readonly orderbook: OrderbookService) {}

  @EventPattern(DEPTH_TOPIC.name)
  onDepth(
    @Payload() event: DepthDiffEvent,
    @Ctx() context: Pick<KafkaContext, 'getPartition'>, // or InProcessContext: partition 0
  ): void {
    this.orderbook.handleDiff(event, context.getPartition());
  }
}
