import { BaseEnv } from '@app/platform';
import { WithEmbeddedStorageEnv } from '@app/storage';
import { WithGatewayLimits } from '../../gateway/src/gateway.env';
import { WithExchangeSource } from '../../producer/src/producer.env';

/** The one-process mode: no Kafka, Postgres or Redis to configure. */
export class EmbeddedEnv extends WithEmbeddedStorageEnv(
  WithGatewayLimits(WithExchangeSource(BaseEnv)),
) {}
