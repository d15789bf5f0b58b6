import { Module } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { MetricsController } from './metrics.controller';

let defaultsCollected = false;

/** `/metrics` in Prometheus format: the process defaults plus what each app registers. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {
  constructor() {
    // Once per process: the embedded mode loads several apps' modules into one registry.
    if (!defaultsCollected) {
      collectDefaultMetrics({ register });
      defaultsCollected = true;
    }
  }
}
