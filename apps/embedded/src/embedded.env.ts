import { BaseEnv, WithTlsEnv } from '@app/platform';
import { WithEmbeddedStorageEnv } from '@app/storage';
import { WithRetentionSettings } from '../../aggregator/src/aggregator.env';
import { WithGatewayLimits } from '../../gateway/src/gateway.env';
import { WithBookSettings } from '../../orderbook/src/orderbook.env';
import { WithExchangeSource, WithSwapSource } from '../../producer/src/producer.env';

/** The one-process mode: no Kafka, Postgres or Redis to configure. */
export class EmbeddedEnv extends WithTlsEnv(
  WithEmbeddedStorageEnv(
    WithRetentionSettings(
      WithGatewayLimits(WithBookSettings(WithSwapSource(WithExchangeSource(BaseEnv)))),
    ),
  ),
) {}
