import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Server as TlsServer } from 'node:tls';
import { BaseEnv } from '../config/base.env';
import { loadEnvOrExit } from '../config/load-env';
import { reloadTlsOnChange } from '../tls/serve-tls';
import { readTlsCredentialsOrExit, TlsCredentials } from '../tls/tls-credentials';
import { TlsSettings } from '../tls/tls.env';

export interface HttpAppOptions {
  title: string;
  description: string;
}

/**
 * Every app is served the same way: Fastify, pino logs, the `ws` WebSocket adapter, and Swagger UI
 * at `/docs` (JSON at `/docs-json`). With `tls`, all of it is HTTPS and WSS on the one port.
 */
export async function createHttpApp(
  rootModule: DynamicModule,
  options: HttpAppOptions,
  tls?: Pick<TlsCredentials, 'cert' | 'key'>,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(tls ? { https: { cert: tls.cert, key: tls.key } } : undefined);
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useWebSocketAdapter(new WsAdapter(app));
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, options));
  return app;
}

export function buildOpenApiDocument(
  app: INestApplication,
  options: HttpAppOptions,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * SIGTERM or SIGINT closes the app (connections, consumers, databases: every shutdown hook) and
 * exits 0. A stuck dependency must not keep a terminating pod alive past its grace period: after
 * `deadlineMs` the process exits 1 whatever is still pending.
 */
export function closeOnSignal(app: INestApplication, deadlineMs: number): void {
  const shutdown = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      process.stderr.write(`shutdown after ${signal} took longer than ${deadlineMs} ms; exiting\n`);
      process.exit(1);
    }, deadlineMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`shutdown after ${signal} failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

export interface RunAppOptions<E extends BaseEnv> extends HttpAppOptions {
  env: new () => E;
  module: (env: E) => DynamicModule;
  /** Host to bind; all interfaces by default (containers), loopback for the laptop mode. */
  host?: string;
  /** Ceiling on shutdown after SIGTERM/SIGINT; below Kubernetes' 30 s grace period. */
  shutdownDeadlineMs?: number;
  /** Runs before listening, e.g. to connect and start a Kafka consumer. */
  beforeListen?: (app: NestFastifyApplication, env: E) => Promise<void>;
  /** The app's certificate files (`WithTlsEnv`'s `env.tls`); none: plain HTTP and WS. */
  tls?: (env: E) => TlsSettings | undefined;
}

/**
 * The `main.ts` of every app: validate the environment (and read the TLS files, if any) or exit,
 * build, serve. `secure`: served over HTTPS and WSS.
 */
export async function runHttpApp<E extends BaseEnv>(
  options: RunAppOptions<E>,
): Promise<{ app: NestFastifyApplication; env: E; secure: boolean }> {
  const env = loadEnvOrExit(options.env);
  const tls = options.tls?.(env);
  const credentials = tls && readTlsCredentialsOrExit(tls);
  const app = await createHttpApp(options.module(env), options, credentials);
  if (tls && credentials) {
    // An https.Server, since the adapter was given `https`; the app's type does not follow that.
    reloadTlsOnChange(app.getHttpServer() as unknown as TlsServer, tls, credentials);
  }
  closeOnSignal(app, options.shutdownDeadlineMs ?? 10_000);
  await options.beforeListen?.(app, env);
  await app.listen(env.PORT, options.host ?? '0.0.0.0');
  return { app, env, secure: credentials !== undefined };
}
