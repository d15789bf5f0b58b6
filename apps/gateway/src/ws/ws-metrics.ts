import { Counter, Gauge, Histogram } from 'prom-client';

export const wsConnections = new Gauge({
  name: 'gateway_ws_connections',
  help: 'Open WebSocket connections',
});
export const wsFramesSent = new Counter({
  name: 'gateway_ws_frames_sent_total',
  help: 'Channel frames written to WebSocket clients',
  labelNames: ['kind'],
});
export const wsProtocolErrors = new Counter({
  name: 'gateway_ws_protocol_errors_total',
  help: 'Client frames refused with an error frame',
});
export const producerToGatewayLatency = new Histogram({
  name: 'gateway_producer_to_fanout_seconds',
  help: 'From the producer publishing an event to the gateway fanning it out',
  labelNames: ['kind'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});
