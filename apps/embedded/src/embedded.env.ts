import { BaseEnv, EnvPath } from '@app/platform';
import { WithGatewayLimits } from '../../gateway/src/gateway.env';
import { WithExchangeSource } from '../../producer/src/producer.env';

/** The one-process mode: no Kafka, Postgres or Redis to configure. */
export class EmbeddedEnv extends WithGatewayLimits(WithExchangeSource(BaseEnv)) {
  /** Where PGlite keeps its database files (created if missing). */
  @EnvPath()
  DATA_DIR: string = '.data';
}
