import { Counter, Gauge, Histogram } from 'prom-client';

export const wsConnections = new Gauge({
  name: 'gateway_ws_connections',
  help: 'Open WebSocket connections',
});
export const wsSubscriptions = new Gauge({
  name: 'gateway_ws_subscriptions',
  help: 'Channel subscriptions held by open connections',
});
export const wsFramesSent = new Counter({
  name: 'gateway_ws_frames_sent_total',
  help: 'Channel frames fanned out to WebSocket clients, by channel kind',
  labelNames: ['kind'],
});
export const wsProtocolErrors = new Counter({
  name: 'gateway_ws_protocol_errors_total',
  help: 'Client frames refused with an error frame',
});
export const wsCloses = new Counter({
  name: 'gateway_ws_closes_total',
  help: 'Connections closed by the server, by reason',
  labelNames: ['reason'],
});

/*
 * Per-write figures are plain numbers on the hot path, read by prom-client when scraped: a labelled
 * counter increment per frame per client would cost more than the write itself.
 */
export const socketTotals = { messages: 0, bytes: 0, conflated: 0, dropped: 0 };

new Counter({
  name: 'gateway_ws_messages_sent_total',
  help: 'Frames written to WebSocket sockets (all clients, all kinds)',
  collect() {
    this.reset();
    this.inc(socketTotals.messages);
  },
});
new Counter({
  name: 'gateway_ws_bytes_sent_total',
  help: 'Bytes of frames written to WebSocket sockets',
  collect() {
    this.reset();
    this.inc(socketTotals.bytes);
  },
});
new Counter({
  name: 'gateway_ws_conflated_updates_total',
  help: 'Updates held back for a slow client (latest per channel kept)',
  collect() {
    this.reset();
    this.inc(socketTotals.conflated);
  },
});
new Counter({
  name: 'gateway_ws_dropped_updates_total',
  help: 'Updates a slow client never got: replaced by a newer one, or pending when it was closed',
  collect() {
    this.reset();
    this.inc(socketTotals.dropped);
  },
});

export const producerToGatewayLatency = new Histogram({
  name: 'gateway_producer_to_client_seconds',
  help: 'From the producer publishing an event to the gateway writing it to its subscribers',
  labelNames: ['kind'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});
