import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IService } from 'kubernetes-models/v1/Service';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderKustomization } from './kustomize';
import {
  deepClone,
  findObject,
  K8sObject,
  objectKey,
  parseManifests,
  readManifests,
} from './manifests';
import { KUSTOMIZATIONS, ROOT, SECRET_TEMPLATE } from './paths';
import { validateManifests } from './validate-k8s';

/** Schema validation of every rendered manifest, offline (kubernetes-models; KafkaTopic by hand). */
describe('k8s manifests', () => {
  describe.each(KUSTOMIZATIONS)('%s', (dir) => {
    const objects = renderKustomization(join(ROOT, dir));

    it('renders the four apps with their Services, Ingress, autoscalers, budgets, policies and topics', () => {
      const kinds = (kind: string) =>
        objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
      const apps = ['producer', 'orderbook', 'aggregator', 'gateway'];
      expect(kinds('Deployment')).toEqual(apps);
      expect(kinds('Service')).toEqual(apps);
      expect(kinds('Ingress')).toEqual(['gateway']);
      expect(kinds('PodDisruptionBudget')).toEqual(apps);
      expect(kinds('HorizontalPodAutoscaler')).toEqual(['gateway', 'orderbook', 'aggregator']);
      expect(kinds('NetworkPolicy')).toEqual([
        'default-deny',
        'marketstream-common',
        'gateway',
        'producer',
        'orderbook',
        'aggregator',
      ]);
      expect(kinds('ConfigMap')).toEqual(['marketstream-config']);
      expect(kinds('KafkaTopic').length).toBeGreaterThan(0);
    });

    it('validates against the Kubernetes schemas', () => {
      expect(validateManifests(objects)).toEqual([]);
    });
  });

  it('validates the Secret template', () => {
    expect(validateManifests(readManifests(SECRET_TEMPLATE))).toEqual([]);
  });

  it('puts every object of an overlay in its namespace, and pins the image', () => {
    const prod = renderKustomization(join(ROOT, 'k8s/overlays/prod'));
    const namespaced = prod.filter((object) => object.kind !== 'Namespace');
    expect(new Set(namespaced.map((object) => object.metadata.namespace))).toEqual(
      new Set(['marketstream']),
    );
    const images = prod.flatMap((object) => JSON.stringify(object).match(/"image":"[^"]*"/g) ?? []);
    expect(new Set(images)).toEqual(new Set(['"image":"registry.example.com/marketstream:0.1.0"']));
  });

  describe('catches a broken copy', () => {
    const base = renderKustomization(join(ROOT, 'k8s/base'));
    const edited = <T extends object>(kind: string, name: string, edit: (object: T) => void) => {
      const copy = deepClone(base);
      edit(findObject<T>(copy, kind, name));
      return validateManifests(copy);
    };

    it('an invalid resource quantity', () => {
      const problems = edited<IDeployment>('Deployment', 'gateway', (d) => {
        d.spec!.template.spec!.containers[0].resources!.limits!.memory = '512MB';
      });
      const field = 'data/spec/template/spec/containers/0/resources/limits/memory';
      expect(problems).toEqual([
        `Deployment gateway: ${field} must be number, ${field} must match format "quantity", ` +
          `${field} must match exactly one schema in "oneOf"`,
      ]);
    });

    it('a port given as text', () => {
      const problems = edited<IService>('Service', 'orderbook', (s) => {
        (s.spec!.ports![0] as { port: unknown }).port = '3000';
      });
      expect(problems).toEqual(['Service orderbook: data/spec/ports/0/port must be integer']);
    });

    it('a missing required field', () => {
      const problems = edited<IHorizontalPodAutoscaler>(
        'HorizontalPodAutoscaler',
        'gateway',
        (h) => {
          delete (h.spec as { maxReplicas?: number }).maxReplicas;
        },
      );
      expect(problems).toEqual([
        'HorizontalPodAutoscaler gateway: data/spec must have required property maxReplicas',
      ]);
    });

    it('a name the API server refuses', () => {
      const problems = edited<K8sObject>('ConfigMap', 'marketstream-config', (c) => {
        c.metadata.name = 'Marketstream_Config';
      });
      expect(problems).toEqual([
        'ConfigMap Marketstream_Config: metadata.name "Marketstream_Config" is not a valid ConfigMap name',
      ]);
    });

    it('a KafkaTopic with no partitions and a misspelt field', () => {
      const problems = edited<{ spec: Record<string, unknown> }>(
        'KafkaTopic',
        'md.bookticker.v1',
        (t) => {
          t.spec.partition = t.spec.partitions;
          delete t.spec.partitions;
        },
      );
      expect(problems).toEqual([
        'KafkaTopic md.bookticker.v1: spec.partition is not a KafkaTopic field',
        'KafkaTopic md.bookticker.v1: spec.partitions must be an integer >= 1',
      ]);
    });

    it('a kind with no schema (an API version that no longer exists)', () => {
      const problems = edited<K8sObject>('HorizontalPodAutoscaler', 'orderbook', (h) => {
        h.apiVersion = 'autoscaling/v2beta1';
      });
      expect(problems).toEqual([
        'HorizontalPodAutoscaler orderbook: no schema for autoscaling/v2beta1 HorizontalPodAutoscaler: add its kubernetes-models class',
      ]);
    });

    it('an overlay whose patch sets an invalid quantity (rendered from a tmp dir)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'k8s-check-'));
      try {
        cpSync(join(ROOT, 'k8s'), join(dir, 'k8s'), { recursive: true });
        writeFileSync(
          join(dir, 'k8s/overlays/prod/patches.yaml'),
          [
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata:',
            '  name: aggregator',
            'spec:',
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: aggregator',
            '          resources:',
            '            requests:',
            '              cpu: 1.5 cores',
          ].join('\n'),
        );
        const problems = validateManifests(renderKustomization(join(dir, 'k8s/overlays/prod')));
        expect(problems).toEqual([
          expect.stringContaining(
            'Deployment marketstream/aggregator: data/spec/template/spec/containers/0/resources/requests/cpu must be number',
          ),
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

/**
 * tools/deploy-check renders kustomizations itself (no kubectl needed in CI); where kubectl is
 * installed, its own `kubectl kustomize` must render exactly the same objects.
 */
describe('renderKustomization', () => {
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  const withKubectl = kubectl ? it : it.skip;

  withKubectl.each(KUSTOMIZATIONS)('renders %s as kubectl kustomize does', (dir) => {
    const expected = parseManifests(
      execFileSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8' }),
      `kubectl kustomize ${dir}`,
    );
    const byKey = (objects: K8sObject[]) =>
      Object.fromEntries(objects.map((object) => [objectKey(object), object]));
    expect(byKey(renderKustomization(join(ROOT, dir)))).toEqual(byKey(expected));
  });

  it('refuses kustomize features it does not implement', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
    try {
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: []\nnamePrefix: dev-\n');
      expect(() => renderKustomization(dir)).toThrow(
        'namePrefix not supported by tools/deploy-check',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a patch that matches nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
    try {
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        `resources: [${join(ROOT, 'k8s/base')}]\npatches:\n  - path: p.yaml\n`,
      );
      writeFileSync(
        join(dir, 'p.yaml'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gatewya\n',
      );
      expect(() => renderKustomization(dir)).toThrow(
        'the patch matches nothing: apps/v1 Deployment gatewya',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('merges containers and env by name, patch entries first, as strategic merge does', () => {
    const prod = renderKustomization(join(ROOT, 'k8s/overlays/prod'));
    const producer = findObject<IDeployment>(prod, 'Deployment', 'producer');
    const env = JSON.stringify(producer.spec?.template.spec?.containers[0].env);
    expect(env).toContain(
      '[{"name":"MARKET_SOURCE","value":"binance"},{"name":"EXCHANGE_WS_URL","value":"wss://stream.binance.com:9443"},{"name":"PORT","value":"3000"}',
    );
  });
});
