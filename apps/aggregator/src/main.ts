import { runHttpApp } from '@app/platform';
import { AggregatorAppModule } from './aggregator-app.module';
import { AggregatorEnv } from './aggregator.env';

void runHttpApp({
  env: AggregatorEnv,
  module: (env) => AggregatorAppModule.forEnv(env),
  title: 'marketstream aggregator',
  description: 'Windowed trade and swap statistics with offsets checkpointed in Postgres',
});
