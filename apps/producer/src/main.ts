import { runHttpApp } from '@app/platform';
import { ProducerAppModule } from './producer-app.module';
import { ProducerEnv } from './producer.env';

void runHttpApp({
  env: ProducerEnv,
  module: (env) => ProducerAppModule.forEnv(env),
  title: 'marketstream producer',
  description: 'Ingests exchange streams and publishes them to Kafka',
});
