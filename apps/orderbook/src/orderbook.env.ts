import { KafkaEnv } from '@app/messaging';
import { WithRedisEnv } from '@app/storage';

export class OrderbookEnv extends WithRedisEnv(KafkaEnv) {}
