import { BaseEnv, WithTlsEnv } from '@app/platform';
import { WithEmbeddedStorageEnv } from '@app/storage';
import { WithRetentionSettings } from '../../aggregator/src';
import { WithGatewayLimits } from '../../gateway/src';
import { WithBookSettings } from '../../orderbook/src';
import { WithExchangeSource, WithSwapSource } from '../../producer/src';

/** The one-process mode: no Kafka, Postgres or Redis to configure. */
export class EmbeddedEnv extends WithTlsEnv(
  WithEmbeddedStorageEnv(
    WithRetentionSettings(
      WithGatewayLimits(WithBookSettings(WithSwapSource(WithExchangeSource(BaseEnv)))),
    ),
  ),
) {}
