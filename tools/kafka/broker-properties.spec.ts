import {
  groupIdsCoveringOffsetsPartitions,
  mutualTlsListenerProperties,
  offsetsPartitionOf,
} from './broker-properties';

describe('offsetsPartitionOf', () => {
  // Expected values from Java 17 (jshell): Math.abs(s.hashCode()) % n, 0 for Integer.MIN_VALUE.
  it.each([
    ['hello', 50, 22],
    ['marketstream-aggregator', 50, 44], // a negative hashCode (-609807494)
    ['marketstream-aggregator', 5, 4],
    ['polygenelubricants', 50, 0], // hashCode is Integer.MIN_VALUE, whose Math.abs stays negative
    ['Ärger-€', 50, 21], // UTF-16 units, as Java hashes them
  ])('%s over %d partitions is partition %d, as the broker places it', (group, n, partition) => {
    expect(offsetsPartitionOf(group, n)).toBe(partition);
  });
});

describe('groupIdsCoveringOffsetsPartitions', () => {
  it('names one group per partition, in partition order', () => {
    const groups = groupIdsCoveringOffsetsPartitions('kafka-cluster-harness', 5);
    // kafka-cluster-harness-0 hashes to 4, -1 to 0, -2 to 1, -3 to 2 and -4 to 3 (jshell).
    expect(groups).toEqual([
      'kafka-cluster-harness-1',
      'kafka-cluster-harness-2',
      'kafka-cluster-harness-3',
      'kafka-cluster-harness-4',
      'kafka-cluster-harness-0',
    ]);
  });
});

describe('mutualTlsListenerProperties', () => {
  it('requires a client certificate from the PEM truststore, for that listener only', () => {
    expect(
      mutualTlsListenerProperties({
        name: 'MTLS',
        keystoreFile: '/k/broker.p12',
        keystorePassword: 'kp',
        truststoreFile: '/k/ca.crt',
      }),
    ).toEqual({
      'listener.name.mtls.ssl.keystore.type': 'PKCS12',
      'listener.name.mtls.ssl.keystore.location': '/k/broker.p12',
      'listener.name.mtls.ssl.keystore.password': 'kp',
      'listener.name.mtls.ssl.truststore.type': 'PEM',
      'listener.name.mtls.ssl.truststore.location': '/k/ca.crt',
      'listener.name.mtls.ssl.client.auth': 'required',
    });
  });
});
