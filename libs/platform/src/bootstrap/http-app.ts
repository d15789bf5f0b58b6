import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';

export interface HttpAppOptions {
  title: string;
  description: string;
}

/**
 * Every app is served the same way: Fastify, pino logs, the `ws` WebSocket adapter, Swagger UI at
 * `/docs` (JSON at `/docs-json`) and shutdown hooks so SIGTERM closes connections and consumers.
 */
export async function createHttpApp(
  rootModule: DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, options));
  return app;
}

export function buildOpenApiDocument(app: INestApplication, options: HttpAppOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * A stuck dependency must not keep a terminating pod alive past its grace period: once a signal
 * arrives, the process exits after `ms` even if some close() never resolves.
 */
export function exitAfterSignal(ms: number): void {
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      process.stderr.write(`shutdown after ${signal} took longer than ${ms} ms; exiting\n`);
      process.exit(1);
    }, ms).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
