import { DynamicModule, Module } from '@nestjs/common';
import { BooksController } from './books/books.controller';
import { DepthConsumer } from './books/depth.consumer';
import { OrderbookService } from './books/orderbook.service';
import { ORDERBOOK_OPTIONS, OrderbookOptions } from './orderbook.options';

/** Local order books: md.depth.v1 in, book.update.v1 and Redis out, full depth over HTTP. */
@Module({})
export class OrderbookModule {
  static forRoot(options: OrderbookOptions): DynamicModule {
    return {
      module: OrderbookModule,
      controllers: [DepthConsumer, BooksController],
      providers: [{ provide: ORDERBOOK_OPTIONS, useValue: options }, OrderbookService],
      exports: [OrderbookService],
    };
  }
}
