// Three tiers, one `npm test`: unit (pure, no I/O), integration (real Postgres, Redis and the
// Kafka-protocol test broker), e2e (the built apps as processes, talked to over the network).
const moduleNameMapper = {
  '^@app/(backoff|contracts|decimal|exchange|messaging|orderbook|platform|storage)$':
    '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', {}] };
const base = { testEnvironment: 'node', moduleNameMapper, transform, rootDir: __dirname };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testTimeout: 60_000,
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testTimeout: 60_000,
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
