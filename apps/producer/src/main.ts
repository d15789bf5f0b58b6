import { createHttpApp, exitAfterSignal, loadEnvOrExit } from '@app/platform';
import { ProducerAppModule } from './producer-app.module';
import { ProducerEnv } from './producer.env';

async function bootstrap(): Promise<void> {
  const env = loadEnvOrExit(ProducerEnv);
  exitAfterSignal(10_000);
  const app = await createHttpApp(ProducerAppModule.forEnv(env), {
    title: 'marketstream producer',
    description: 'Ingests exchange streams and publishes them to Kafka',
  });
  await app.listen(env.PORT, '0.0.0.0');
}

void bootstrap();
