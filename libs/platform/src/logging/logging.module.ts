import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LogLevel } from '../config/base.env';

/** Structured JSON logs through pino; request logging off (metrics cover traffic). */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevel, app: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { level, autoLogging: false, quietReqLogger: true, base: { app } },
        }),
      ],
    };
  }
}
