import { KafkaEnv } from '@app/messaging';
import { WithPostgresEnv, WithRedisEnv } from '@app/storage';

export class AggregatorEnv extends WithRedisEnv(WithPostgresEnv(KafkaEnv)) {}
