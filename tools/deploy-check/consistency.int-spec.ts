import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  checkCompose,
  checkPrometheusConfig,
  ComposeConfig,
  composeApps,
  composeConfig,
  ComposeService,
  kafkaInitScript,
} from './compose-check';
import { checkKubernetes, KubernetesFacts } from './k8s-consistency';
import { renderKustomization } from './kustomize';
import { deepClone, findObject, K8sObject } from './manifests';
import { appMetricNames, checkDashboard, exposedSeries } from './metrics-check';
import {
  COMPOSE_FILE,
  CONTRACT_TOPICS,
  GRAFANA_DASHBOARD,
  kubernetesFacts,
  KUSTOMIZATIONS,
  PROMETHEUS_CONFIG,
  ROOT,
} from './paths';
import { pinnedKafkaVersion } from '../kafka/kafka-cluster';
import {
  checkComposeKafkaVersion,
  checkStrimziKafka,
  KafkaClientSetting,
} from './kafka-version-check';
import { checkKafkaInit, checkKafkaTopics } from './topics-check';

/**
 * The deployments against the apps' own code: the variables their env classes declare and
 * require, the paths and ports they serve, the topics of the contracts, the metrics they expose.
 * Every check is also run on a deliberately broken copy, to show it catches what it claims to.
 */
describe('deployments agree with the apps', () => {
  let compose: ComposeConfig;
  let facts: KubernetesFacts;

  beforeAll(() => {
    compose = composeConfig(COMPOSE_FILE);
    facts = kubernetesFacts();
  });

  describe('docker-compose.yml', () => {
    const broken = (edit: (services: Record<string, ComposeService>) => void) => {
      const copy = deepClone(compose);
      edit(copy.services);
      return checkCompose(copy);
    };
    const env = (service: ComposeService) => service.environment!;
    const editHealthcheck = (service: ComposeService, from: string, to: string) => {
      const test = service.healthcheck!.test as string[];
      service.healthcheck!.test = test.map((part) => part.replace(from, to));
    };
    const prometheus = () => parse(readFileSync(PROMETHEUS_CONFIG, 'utf8')) as unknown;

    it('gives each app what its env class requires, and only what it reads', () => {
      expect(checkCompose(compose)).toEqual([]);
    });

    it('creates every contract topic with its partition count in kafka-init', () => {
      expect(checkKafkaInit(kafkaInitScript(compose) ?? '', CONTRACT_TOPICS)).toEqual([]);
    });

    it('has Prometheus scrape every app on its port', () => {
      expect(checkPrometheusConfig(prometheus(), composeApps(compose))).toEqual([]);
    });

    it('catches a required variable left out (REDIS_URL of the aggregator)', () => {
      expect(broken((s) => delete env(s.aggregator).REDIS_URL)).toEqual([
        'compose service aggregator (aggregator): REDIS_URL is required by AggregatorEnv but not set',
      ]);
    });

    it('catches a variable the app does not read, and a value it would refuse', () => {
      const problems = broken((s) => {
        env(s.gateway).REDIS_URI = 'redis://redis:6379';
        env(s.orderbook).KAFKA_BROKERS = 'kafka';
      });
      expect(problems).toEqual([
        'compose service gateway (gateway): sets REDIS_URI, which GatewayEnv does not read',
        'compose service orderbook (orderbook): KAFKA_BROKERS must be a comma-separated list of host:port (got "kafka")',
      ]);
    });

    it('catches KAFKA_BROKERS left to its localhost default', () => {
      expect(broken((s) => delete env(s.producer).KAFKA_BROKERS)).toEqual([
        'compose service producer (producer): KAFKA_BROKERS is not set, and its default ["localhost:9092"] means this container itself',
      ]);
    });

    it('catches a health check on a path or port the app does not serve', () => {
      const problems = broken((s) => {
        editHealthcheck(s.gateway, '/health/ready', '/healthz');
        editHealthcheck(s.aggregator, ':3003/', ':3000/');
      });
      expect(problems).toEqual([
        "compose service aggregator (aggregator): healthcheck http://127.0.0.1:3000/health/ready is not the app's port 3003",
        'compose service gateway (gateway): healthcheck http://127.0.0.1:3000/healthz: the app serves /health/ready and /health/live, not /healthz',
      ]);
    });

    it('catches an app started before its database is healthy or its topics exist', () => {
      const problems = broken((s) => {
        s.aggregator.depends_on!.postgres.condition = 'service_started';
        delete s.gateway.depends_on!['kafka-init'];
      });
      expect(problems).toEqual([
        'compose service aggregator (aggregator): must depend on postgres with condition service_healthy',
        'compose service gateway (gateway): must depend on kafka-init with condition service_completed_successfully',
      ]);
    });

    it('catches a moved PORT the health check, published port and Prometheus still use', () => {
      const copy = deepClone(compose);
      env(copy.services.orderbook).PORT = 4002;
      expect(checkCompose(copy)).toEqual([
        "compose service orderbook (orderbook): healthcheck http://127.0.0.1:3002/health/ready is not the app's port 4002",
        'compose service orderbook (orderbook): publishes container port 3002, but the app listens on 4002',
      ]);
      expect(checkPrometheusConfig(prometheus(), composeApps(copy))).toEqual([
        'prometheus.yml job orderbook: target orderbook:3002, but orderbook listens on 4002',
      ]);
    });

    it('catches a contract topic kafka-init does not create, and a wrong partition count', () => {
      const script = (kafkaInitScript(compose) ?? '').replace(
        'create md.trade.v1 12',
        'create md.trade.v1 3',
      );
      const topics = [...CONTRACT_TOPICS, { name: 'md.kline.v1', partitions: 12 }];
      expect(checkKafkaInit(script, topics)).toEqual([
        'kafka-init: topic md.trade.v1 has 3 partitions; the contract says 12',
        'kafka-init: topic md.kline.v1 (12 partitions) is missing: add "create md.kline.v1 12"',
      ]);
    });

    it('runs the Apache Kafka version the tests run (tools/kafka/pom.xml)', () => {
      expect(pinnedKafkaVersion()).toBe('4.4.0');
      expect(checkComposeKafkaVersion(compose, pinnedKafkaVersion())).toEqual([]);
    });

    it('catches a Kafka image that is not the tested version', () => {
      const copy = deepClone(compose);
      copy.services['kafka-init'].image = 'apache/kafka:3.9.1';
      expect(checkComposeKafkaVersion(copy, '4.4.0')).toEqual([
        'compose service kafka-init: image apache/kafka:3.9.1, but the tests run Apache Kafka 4.4.0 (tools/kafka/pom.xml kafka.version)',
      ]);
    });

    it('points the producer and the orderbook at the simulator service, which needs no Kafka', () => {
      expect(env(compose.services.producer).EXCHANGE_WS_URL).toBe('ws://simulator:3004');
      expect(env(compose.services.producer).EXCHANGE_REST_URL).toBe('http://simulator:3004');
      expect(env(compose.services.orderbook).EXCHANGE_REST_URL).toBe('http://simulator:3004');
      expect(Object.keys(compose.services.simulator.depends_on ?? {})).toEqual([]);
      expect(broken((s) => delete s.orderbook.depends_on!.simulator)).toEqual([
        'compose service orderbook (orderbook): must depend on simulator with condition service_healthy',
      ]);
    });
  });

  describe('k8s/kafka (the Strimzi cluster)', () => {
    const cluster = () => renderKustomization(join(ROOT, 'k8s/kafka'));
    /** How each overlay's apps reach Kafka, from its rendered ConfigMap. */
    const clients = (): KafkaClientSetting[] =>
      ['k8s/overlays/dev', 'k8s/overlays/prod'].map((overlay) => {
        const config = findObject<IConfigMap>(
          renderKustomization(join(ROOT, overlay)),
          'ConfigMap',
          'marketstream-config',
        ).data!;
        return {
          overlay,
          brokers: config.KAFKA_BROKERS,
          ssl: config.KAFKA_SSL === 'true',
          saslMechanism: config.KAFKA_SASL_MECHANISM,
        };
      });

    it('runs the tested version, replication 3 and min.insync.replicas 2, a listener per overlay', () => {
      expect(clients().map((c) => [c.overlay, c.brokers, c.ssl, c.saslMechanism])).toEqual([
        [
          'k8s/overlays/dev',
          'marketstream-kafka-bootstrap.kafka.svc.cluster.local:9092',
          false,
          undefined,
        ],
        [
          'k8s/overlays/prod',
          'marketstream-kafka-bootstrap.kafka.svc.cluster.local:9093',
          true,
          'scram-sha-512',
        ],
      ]);
      expect(checkStrimziKafka(cluster(), pinnedKafkaVersion(), clients())).toEqual([]);
    });

    it('catches another version, weaker durability and a listener the apps cannot use', () => {
      const copy = cluster().map((object) => deepClone(object));
      type Spec = {
        kafka: { version: string; config: Record<string, unknown>; listeners: object[] };
      };
      const kafka = (findObject(copy, 'Kafka', 'marketstream').spec as Spec).kafka;
      kafka.version = '3.9.1';
      kafka.config['min.insync.replicas'] = 1;
      delete (kafka.listeners[1] as { authentication?: unknown }).authentication;
      expect(checkStrimziKafka(copy, '4.4.0', clients())).toEqual([
        'Kafka kafka/marketstream: version 3.9.1, but the tests run Apache Kafka 4.4.0 (tools/kafka/pom.xml kafka.version)',
        'Kafka kafka/marketstream: min.insync.replicas is 1; the fault tests prove 2',
        "Kafka kafka/marketstream: listener tls authenticates with nothing; k8s/overlays/prod's apps (KAFKA_BROKERS marketstream-kafka-bootstrap.kafka.svc.cluster.local:9093) use scram-sha-512",
      ]);
    });
  });

  describe.each(KUSTOMIZATIONS)('%s', (dir) => {
    it('gives each app its variables, probes its served paths on its port, and is hardened', () => {
      expect(checkKubernetes(renderKustomization(join(ROOT, dir)), facts)).toEqual([]);
    });

    it('has a KafkaTopic for every contract topic, with its partition count', () => {
      expect(checkKafkaTopics(renderKustomization(join(ROOT, dir)), CONTRACT_TOPICS)).toEqual([]);
    });
  });

  describe('k8s, broken copies of the prod overlay', () => {
    let prod: K8sObject[];
    beforeAll(() => {
      prod = renderKustomization(join(ROOT, 'k8s/overlays/prod'));
    });

    const broken = (edit: (objects: K8sObject[]) => void) => {
      const copy = deepClone(prod);
      edit(copy);
      return checkKubernetes(copy, facts);
    };
    const pod = (objects: K8sObject[], name: string) =>
      findObject<IDeployment>(objects, 'Deployment', name).spec!.template.spec!;
    const container = (objects: K8sObject[], name: string) => pod(objects, name).containers[0];
    const variable = (objects: K8sObject[], app: string, name: string) =>
      container(objects, app).env!.find((entry) => entry.name === name)!;
    const configMap = (objects: K8sObject[]) =>
      findObject<IConfigMap>(objects, 'ConfigMap', 'marketstream-config').data!;
    const policy = (objects: K8sObject[], name: string) =>
      findObject<INetworkPolicy>(objects, 'NetworkPolicy', name).spec!;
    const autoscaler = (objects: K8sObject[], name: string) =>
      findObject<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler', name).spec!;
    const where = (app: string) => `Deployment marketstream/${app} container ${app} (${app})`;

    it('catches a required variable left out (REDIS_URL of the aggregator)', () => {
      const problems = broken((objects) => {
        const c = container(objects, 'aggregator');
        c.env = c.env!.filter((entry) => entry.name !== 'REDIS_URL');
      });
      expect(problems).toEqual([
        `${where('aggregator')}: REDIS_URL is required by AggregatorEnv but not set`,
      ]);
    });

    it('catches a variable no app reads, a missing Secret key and a refused value', () => {
      const problems = broken((objects) => {
        container(objects, 'gateway').env!.push({ name: 'SIM_SEED', value: '7' });
        variable(objects, 'orderbook', 'REDIS_URL').valueFrom!.secretKeyRef!.key = 'REDIS';
        configMap(objects).LOG_LEVEL = 'verbose';
      });
      const badLevel = 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent';
      expect(problems).toEqual([
        `${where('producer')}: ${badLevel} (got "verbose")`,
        `${where('orderbook')}: REDIS_URL refers to Secret marketstream-secrets key REDIS, which does not exist`,
        `${where('orderbook')}: REDIS_URL is required by OrderbookEnv but not set`,
        `${where('orderbook')}: ${badLevel} (got "verbose")`,
        `${where('aggregator')}: ${badLevel} (got "verbose")`,
        `${where('gateway')}: sets SIM_SEED, which GatewayEnv does not read`,
        `${where('gateway')}: ${badLevel} (got "verbose")`,
      ]);
    });

    it('catches KAFKA_BROKERS left to its localhost default', () => {
      const problems = broken((objects) => delete configMap(objects).KAFKA_BROKERS);
      expect(problems).toEqual(
        ['producer', 'orderbook', 'aggregator', 'gateway'].map(
          (app) =>
            `${where(app)}: KAFKA_BROKERS is not set, and its default ["localhost:9092"] means this container itself`,
        ),
      );
    });

    it('catches a probe on a path the app does not serve, or on the wrong one', () => {
      const problems = broken((objects) => {
        container(objects, 'gateway').readinessProbe!.httpGet!.path = '/healthz';
        container(objects, 'orderbook').livenessProbe!.httpGet!.path = '/health/ready';
        delete container(objects, 'producer').startupProbe;
      });
      expect(problems).toEqual([
        `${where('producer')}: has no startupProbe`,
        `${where('orderbook')}: livenessProbe probes /health/ready; it must probe /health/live`,
        `${where('gateway')}: readinessProbe probes /healthz, which the app does not serve (it serves /health/live, /health/ready, /metrics)`,
      ]);
    });

    it('catches a PORT the probes, container port, Service, scrape and policies do not follow', () => {
      const problems = broken((objects) => {
        variable(objects, 'aggregator', 'PORT').value = '4000';
      });
      expect(problems).toEqual([
        `${where('aggregator')}: listens on 4000 (PORT) but declares no containerPort 4000`,
        `${where('aggregator')}: prometheus.io/port is 3000, but the app serves /metrics on 4000`,
        `${where('aggregator')}: livenessProbe probes port http, but the app listens on 4000`,
        `${where('aggregator')}: readinessProbe probes port http, but the app listens on 4000`,
        `${where('aggregator')}: startupProbe probes port http, but the app listens on 4000`,
        'Service marketstream/aggregator: port 3000 targets http, but aggregator listens on 4000',
        `${where('aggregator')}: no NetworkPolicy lets Prometheus scrape port 4000`,
      ]);
    });

    it('catches a container that is not hardened, or whose shutdown outlasts its grace period', () => {
      const problems = broken((objects) => {
        const c = container(objects, 'producer');
        c.securityContext!.readOnlyRootFilesystem = false;
        c.securityContext!.capabilities!.drop = ['NET_RAW'];
        c.resources!.requests!.memory = '1Gi';
        pod(objects, 'producer').terminationGracePeriodSeconds = 12;
      });
      expect(problems).toEqual([
        `${where('producer')}: securityContext.readOnlyRootFilesystem must be true`,
        `${where('producer')}: securityContext.capabilities.drop must include ALL`,
        `${where('producer')}: resources.requests.memory 1Gi is above its limit 512Mi`,
        `${where('producer')}: terminationGracePeriodSeconds 12 must be above preStop (5 s) plus the app's 10 s shutdown deadline`,
      ]);
    });

    it('catches a network policy that cuts an app off from a dependency or its clients', () => {
      const problems = broken((objects) => {
        const aggregator = policy(objects, 'aggregator');
        aggregator.egress = aggregator.egress!.filter((rule) => rule.ports?.[0].port !== 6379);
        policy(objects, 'gateway').ingress![0].from = [{ podSelector: {} }];
      });
      expect(problems).toEqual([
        `${where('aggregator')}: no NetworkPolicy lets it reach REDIS_URL (redis-master.data.svc.cluster.local:6379) (egress TCP 6379)`,
        `${where('gateway')}: no NetworkPolicy lets clients reach port 3000`,
      ]);
    });

    it('catches an Ingress serving a host without TLS, to a missing port, closing quiet WebSockets', () => {
      const problems = broken((objects) => {
        const ingress = findObject<IIngress & K8sObject>(objects, 'Ingress', 'gateway');
        ingress.spec!.tls![0].hosts = ['www.example.com'];
        ingress.spec!.rules![0].http!.paths[0].backend.service!.port = { name: 'https' };
        ingress.spec!.rules![0].http!.paths[2].backend.service!.name = 'gateway-docs';
        ingress.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-read-timeout'] = '60';
        delete ingress.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-send-timeout'];
      });
      const ingress = 'Ingress marketstream/gateway';
      expect(problems).toEqual([
        `${ingress}: host marketstream.example.com has no TLS (it is not in spec.tls)`,
        `${ingress}: /v1 goes to port https of Service gateway, which has no such port`,
        `${ingress}: /docs goes to Service gateway-docs, which does not exist`,
        `${ingress}: routes /ws, so nginx.ingress.kubernetes.io/proxy-read-timeout must be at least 3600 s (got "60")`,
        `${ingress}: routes /ws, so nginx.ingress.kubernetes.io/proxy-send-timeout must be at least 3600 s (it is not set)`,
      ]);
    });

    it('catches a catch-all Ingress path (it routes /ws too) without WebSocket timeouts', () => {
      const problems = broken((objects) => {
        const ingress = findObject<IIngress & K8sObject>(objects, 'Ingress', 'gateway');
        const paths = ingress.spec!.rules![0].http!.paths;
        ingress.spec!.rules![0].http!.paths = paths.filter((path) => path.path !== '/ws');
        paths.find((path) => path.path === '/')!.pathType = 'Prefix';
        ingress.metadata.annotations = {};
      });
      expect(problems).toEqual(
        ['read', 'send'].map(
          (kind) =>
            `Ingress marketstream/gateway: routes /ws, so nginx.ingress.kubernetes.io/proxy-${kind}-timeout must be at least 3600 s (it is not set)`,
        ),
      );
    });

    it('catches a Kafka secret file with no volume mounted where the variable points', () => {
      const problems = broken((objects) => {
        const gateway = container(objects, 'gateway');
        gateway.volumeMounts = gateway.volumeMounts!.filter((m) => m.name !== 'kafka-user');
        configMap(objects).KAFKA_SSL_CA_FILE = '/etc/kafka/ca.crt';
      });
      const noCa = (app: string) =>
        `${where(app)}: KAFKA_SSL_CA_FILE is /etc/kafka/ca.crt, where no volume is mounted`;
      expect(problems).toEqual([
        noCa('producer'),
        noCa('orderbook'),
        noCa('aggregator'),
        noCa('gateway'),
        `${where('gateway')}: KAFKA_SASL_PASSWORD_FILE is /etc/kafka-user/password, where no volume is mounted`,
      ]);
    });

    it('catches autoscaling past the partitions, on a metric no app exposes, or of the producer', () => {
      const problems = broken((objects) => {
        autoscaler(objects, 'orderbook').maxReplicas = 24;
        autoscaler(objects, 'gateway').metrics![1].pods!.metric.name = 'gateway_connections';
        autoscaler(objects, 'aggregator').scaleTargetRef.name = 'producer';
      });
      expect(problems).toEqual([
        'HorizontalPodAutoscaler marketstream/gateway: pods metric gateway_connections is not exposed by any app',
        'HorizontalPodAutoscaler marketstream/orderbook: maxReplicas 24 is above the 12 partitions a consumer group can share; the extra replicas would sit idle',
        'HorizontalPodAutoscaler marketstream/aggregator: the producer must not be autoscaled',
        `HorizontalPodAutoscaler marketstream/aggregator: consumergroup "marketstream-aggregator" is not producer's (marketstream-producer or marketstream-producer-<group>)`,
      ]);
    });

    it('catches a contract topic with no KafkaTopic, and a wrong partition count', () => {
      const copy = deepClone(prod).filter((object) => object.metadata.name !== 'dex.swap.v1');
      findObject<{ spec: { partitions: number } }>(
        copy,
        'KafkaTopic',
        'md.depth.v1',
      ).spec.partitions = 6;
      const problems = checkKafkaTopics(copy, CONTRACT_TOPICS);
      expect(problems).toEqual([
        'KafkaTopic: topic md.depth.v1 has 6 partitions; the contract says 12',
        expect.stringMatching(
          /^KafkaTopic: topic dex\.swap\.v1 \(6 partitions\) is missing\n---\n/,
        ),
      ]);
      expect(problems[1]).toContain('  topicName: dex.swap.v1\n  partitions: 6\n');
    });
  });

  describe('monitoring', () => {
    it('the Grafana dashboard reads only metrics the apps expose', async () => {
      const series = await exposedSeries(appMetricNames());
      const dashboard = JSON.parse(readFileSync(GRAFANA_DASHBOARD, 'utf8')) as unknown;
      expect(checkDashboard(dashboard, series, 'marketstream.json')).toEqual([]);
    });

    it('catches a panel reading a metric nobody exposes', async () => {
      const series = await exposedSeries(appMetricNames());
      const dashboard = JSON.parse(readFileSync(GRAFANA_DASHBOARD, 'utf8')) as {
        panels: { targets: { expr: string }[] }[];
      };
      dashboard.panels[0].targets[0].expr = 'sum by (instance) (gateway_websocket_connections)';
      expect(checkDashboard(dashboard, series, 'marketstream.json')).toEqual([
        'marketstream.json: panel "Gateway: open WebSocket connections" reads gateway_websocket_connections, which no app exposes',
      ]);
    });
  });
});
