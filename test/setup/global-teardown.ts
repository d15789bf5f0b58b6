export default async function globalTeardown(): Promise<void> {
  const broker = globalThis.__TEST_BROKER__;
  globalThis.__TEST_BROKER__ = undefined;
  await broker?.stop();
}
