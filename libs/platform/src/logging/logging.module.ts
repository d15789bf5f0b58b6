import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LogFormat, LogLevel } from '../config/base.env';

/** Whether log lines are for a person (pino-pretty) or for a log collector (JSON). */
export function prettyLogs(format: LogFormat, stdoutIsTerminal: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTerminal);
}

/**
 * Structured logs through pino; request logging off (metrics cover traffic). In a terminal they
 * are printed by pino-pretty (colours, local time, one line each); anywhere else as JSON.
 */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevel, app: string, format: LogFormat = 'auto'): DynamicModule {
    const pretty = prettyLogs(format, process.stdout.isTTY === true);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            autoLogging: false,
            quietReqLogger: true,
            base: { app },
            ...(pretty && {
              transport: {
                target: 'pino-pretty',
                options: {
                  translateTime: 'SYS:HH:MM:ss.l',
                  ignore: 'pid,hostname',
                  singleLine: true,
                },
              },
            }),
          },
        }),
      ],
    };
  }
}
