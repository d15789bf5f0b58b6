import { replayPace } from './swap-ingest.options';

describe(replayPace.name, () => {
  it.each([
    [50_000, { batchSize: 500, intervalMs: 10 }],
    [200, { batchSize: 2, intervalMs: 10 }],
    [150, { batchSize: 2, intervalMs: 13.333333333333334 }],
    [50, { batchSize: 1, intervalMs: 20 }],
    [1, { batchSize: 1, intervalMs: 1000 }],
  ])('delivers %i swaps a second as %j', (swapsPerSecond, pace) => {
    expect(replayPace(swapsPerSecond)).toEqual(pace);
  });
});
