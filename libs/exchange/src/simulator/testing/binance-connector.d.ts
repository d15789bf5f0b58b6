// The official Binance connector ships no types; the part the fidelity test uses.
declare module '@binance/connector' {
  interface Logger {
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
    debug(...args: unknown[]): void;
    log(...args: unknown[]): void;
  }
  interface Response<T> {
    status: number;
    headers: Record<string, string>;
    data: T;
  }
  export class Spot {
    constructor(apiKey: string, apiSecret: string, options: { baseURL: string; logger?: Logger });
    ping(): Promise<Response<object>>;
    time(): Promise<Response<{ serverTime: number }>>;
    exchangeInfo(options?: {
      symbol?: string;
    }): Promise<Response<{ symbols: { symbol: string }[] }>>;
    depth(
      symbol: string,
      options?: { limit?: number },
    ): Promise<Response<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>>;
    trades(
      symbol: string,
      options?: { limit?: number },
    ): Promise<Response<{ id: number; price: string }[]>>;
    ticker24hr(symbol?: string): Promise<Response<{ symbol: string; lastPrice: string }>>;
    bookTicker(symbol?: string): Promise<Response<{ symbol: string; bidPrice: string }>>;
  }
  export class WebsocketStream {
    constructor(options: {
      wsURL: string;
      logger?: Logger;
      combinedStreams?: boolean;
      callbacks: { open?: () => void; close?: () => void; message?: (data: string) => void };
    });
    diffBookDepth(symbol: string, speed: string): void;
    bookTicker(symbol: string): void;
    trade(symbol: string): void;
    aggTrade(symbol: string): void;
    ticker(symbol: string): void;
    subscribe(stream: string | string[]): void;
    disconnect(): void;
  }
}
