/**
 * A Kafka topic and everything both ends must agree on: its name, how many partitions it is created
 * with, the class its values validate against, and how the key is derived from a value (the symbol
 * or pool, so one instrument's events stay ordered in one partition).
 */
export interface TopicContract<T extends object> {
  readonly name: string;
  readonly partitions: number;
  readonly valueClass: new () => T;
  readonly keyOf: (value: T) => string;
  readonly description: string;
}

export function defineTopic<T extends object>(contract: TopicContract<T>): TopicContract<T> {
  if (!/^[a-z]+\.[a-z0-9-]+\.v\d+$/.test(contract.name)) {
    throw new Error(`topic name ${contract.name} does not follow <domain>.<entity>.v<version>`);
  }
  return Object.freeze(contract);
}
