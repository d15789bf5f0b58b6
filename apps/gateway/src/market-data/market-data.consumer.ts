import { BOOK_TICKER_TOPIC, BookTickerEvent } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChannelHub } from '../fanout/channel-hub';
import { producerToGatewayLatency, wsFramesSent } from '../ws/ws-metrics';

/** Market-data topics in, WebSocket channels out. Payloads arrive already validated. */
@Controller()
export class MarketDataConsumer {
  constructor(private readonly hub: ChannelHub) {}

  @EventPattern(BOOK_TICKER_TOPIC.name)
  onBookTicker(@Payload() event: BookTickerEvent): void {
    const { symbol, updateId, bidPrice, bidQty, askPrice, askQty } = event;
    const sent = this.hub.publish(
      `ticker:${symbol}`,
      { symbol, updateId, bidPrice, bidQty, askPrice, askQty },
      event.exchangeTime,
      event.producedAt,
    );
    wsFramesSent.inc({ kind: 'ticker' }, sent);
    producerToGatewayLatency.observe(
      { kind: 'ticker' },
      Math.max(0, Date.now() - event.producedAt) / 1000,
    );
  }
}
