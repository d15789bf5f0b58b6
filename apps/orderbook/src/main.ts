import { runHttpApp } from '@app/platform';
import { startDepthConsumer } from './depth-consumer-start';
import { OrderbookAppModule } from './orderbook-app.module';
import { OrderbookEnv } from './orderbook.env';

void runHttpApp({
  env: OrderbookEnv,
  module: (env) => OrderbookAppModule.forEnv(env),
  title: 'marketstream orderbook',
  description: 'Local order books synchronized from exchange depth streams',
  beforeListen: startDepthConsumer,
});
