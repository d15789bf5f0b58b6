import { DynamicModule, InjectionToken, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { BooksController } from './books/books.controller';
import { DepthConsumer } from './books/depth.consumer';
import { OrderbookService } from './books/orderbook.service';
import { ORDERBOOK_OPTIONS, OrderbookOptions } from './orderbook.options';

export interface OrderbookAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject: InjectionToken[];
  useFactory: (...deps: never[]) => OrderbookOptions;
}

/** Local order books: md.depth.v1 in, book.update.v1 and Redis out, full depth over HTTP. */
@Module({})
export class OrderbookModule {
  static forRoot(options: OrderbookOptions): DynamicModule {
    return OrderbookModule.withOptions({ provide: ORDERBOOK_OPTIONS, useValue: options });
  }

  /** Options built from other providers (the embedded mode: the in-process simulator's URL). */
  static forRootAsync(options: OrderbookAsyncOptions): DynamicModule {
    const { imports = [], inject, useFactory } = options;
    return {
      ...OrderbookModule.withOptions({ provide: ORDERBOOK_OPTIONS, inject, useFactory }),
      imports,
    };
  }

  private static withOptions(provider: Provider): DynamicModule {
    return {
      module: OrderbookModule,
      controllers: [DepthConsumer, BooksController],
      providers: [provider, OrderbookService],
      exports: [OrderbookService],
    };
  }
}
