import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_PROBES, ReadinessProbe } from './readiness-probe';

/**
 * `/health/live` and `/health/ready`. Readiness runs the given probes, which are providers
 * exported by the modules that own each dependency (messaging, storage, cache).
 */
@Module({})
export class HealthModule {
  static forProbes(probes: (Type<ReadinessProbe> | symbol)[]): DynamicModule {
    const collect: Provider = {
      provide: READINESS_PROBES,
      useFactory: (...instances: ReadinessProbe[]) => instances,
      inject: probes,
    };
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [collect],
    };
  }
}
