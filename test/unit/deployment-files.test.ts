import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { EMULATOR_VARIABLES, GATEWAY_VARIABLES, loadConfig } from '../../src/config';
import { composeValidator, dockerInstructions, read, yamlFile } from '../support/deployment-files';
import { mockGateway } from '../support/mock-gateway';

const GATEWAY_NAMES = GATEWAY_VARIABLES.map((variable) => variable.name);

// These files are not run here (no Docker engine, no cluster): this checks what can be checked without them.

type Env = Record<string, string>;
interface ComposeService {
  command?: string[];
  environment?: Env;
  ports?: string[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
  stringData?: Env;
}

const compose = yamlFile<{ services: Record<string, ComposeService> }>('compose.yaml');
const MANIFESTS = ['deployment', 'secret', 'service', 'pod-disruption-budget', 'horizontal-pod-autoscaler'];
const manifest = (name: string) => yamlFile<Manifest>(`deploy/k8s/${name}.yaml`);
const deployment = new Deployment(manifest('deployment') as never);
const pod = deployment.spec!.template.spec!;
const container = pod.containers[0]!;
const gateways = Object.entries(compose.services).filter(([name]) => name.startsWith('gateway-'));
const instructions = dockerInstructions('Dockerfile');
const imageEnv: Env = Object.fromEntries(
  instructions
    .filter(([keyword]) => keyword === 'ENV')
    .map(([, value]) => value.split('=') as [string, string]),
);

/** The Deployment's environment, values from the Secret filled in. */
function deploymentEnv(): Env {
  const secret = manifest('secret').stringData ?? {};
  return Object.fromEntries(
    (container.env ?? []).map(({ name, value, valueFrom }) => [
      name,
      value ?? secret[valueFrom!.secretKeyRef!.key] ?? '',
    ]),
  );
}

describe('compose.yaml', () => {
  it('follows the Compose Specification', () => {
    const validate = composeValidator();
    expect([validate(compose), validate.errors]).toEqual([true, null]);
  });

  it('runs three gateway replicas sharing a Redis, on the emulator with the webhook it registers', () => {
    expect(gateways.map(([name]) => name)).toEqual(['gateway-1', 'gateway-2', 'gateway-3']);
    for (const [, service] of gateways) {
      const env = { ...imageEnv, ...service.environment };
      expect(env).toMatchObject({ REDIS_URL: 'redis://redis:6379', BITRIX24_REPLICAS: '3' });
      expect(Object.keys(env).filter((name) => !GATEWAY_NAMES.includes(name))).toEqual([]);
      const config = loadConfig(env);
      expect(config.bitrix24.privateHosts).toEqual([config.bitrix24.webhook!.host]);
      expect(config.bitrix24.webhook!.basePath.reveal()).toBe('/rest/1/composedemowebhook/');
      expect(service.ports).toHaveLength(1);
      expect(service.ports![0]).toMatch(new RegExp(`:${config.http.port}$`));
    }
    const registration = compose.services['emulator-webhook']!.command!.join(' ');
    expect(registration).toContain("JSON.stringify({ userId: 1, code: 'composedemowebhook' })");
  });

  it('has the emulator listen on all interfaces, set only by variables it reads', () => {
    const env = compose.services.emulator!.environment!;
    expect(env.EMULATOR_HOST).toBe('0.0.0.0');
    const known = EMULATOR_VARIABLES.map((variable) => variable.name);
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
  });
});

describe('deploy/k8s', () => {
  it.each(MANIFESTS)('%s.yaml follows the Kubernetes schema of its kind', (name) => {
    const models = { Deployment, Secret, Service, PodDisruptionBudget, HorizontalPodAutoscaler };
    const data = manifest(name);
    const Model = models[data.kind as keyof typeof models];
    expect(() => new Model(data as never).validate()).not.toThrow();
  });

  it('sets only variables the gateway reads, with values it accepts', () => {
    const env = deploymentEnv();
    expect(Object.keys(env).filter((name) => !GATEWAY_NAMES.includes(name))).toEqual([]);
    expect(Object.keys(manifest('secret').stringData ?? {})).toEqual(['BITRIX24_WEBHOOK_URL', 'REDIS_URL']);
    expect(() => loadConfig(env)).not.toThrow();
  });

  it("probes the gateway's health paths on its ports", () => {
    const config = loadConfig(deploymentEnv());
    const ports = Object.fromEntries((container.ports ?? []).map((port) => [port.name, port.containerPort]));
    expect(ports).toEqual({ http: config.http.port, metrics: config.http.metricsPort });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    const service = manifest('service').spec as { ports: Array<{ targetPort: string }> };
    expect(service.ports.map((port) => port.targetPort)).toEqual(['http', 'metrics']);
  });

  it('outlasts shutdown, and scales to at most the replicas that share the budget', () => {
    const config = loadConfig(deploymentEnv());
    const graceMs = (pod.terminationGracePeriodSeconds ?? 30) * 1000;
    expect(graceMs).toBeGreaterThan(config.http.shutdownDelayMs + config.http.shutdownGraceMs + 5_000);
    const autoscaler = manifest('horizontal-pod-autoscaler').spec as {
      maxReplicas: number;
      scaleTargetRef: object;
    };
    expect(autoscaler.maxReplicas).toBe(config.redis?.replicas);
    expect(autoscaler.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'bitrix24-im-graphql',
    });
    const labels = deployment.spec!.template.metadata!.labels;
    expect((manifest('pod-disruption-budget').spec.selector as { matchLabels: object }).matchLabels).toEqual(
      labels,
    );
    expect(manifest('service').spec.selector).toEqual(labels);
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs production dependencies as an unprivileged user in another', () => {
    expect(instructions.filter(([keyword]) => keyword === 'FROM')).toHaveLength(2);
    const runtime = instructions.slice(instructions.findLastIndex(([keyword]) => keyword === 'FROM'));
    expect(runtime.filter(([keyword]) => keyword === 'RUN').map(([, value]) => value)).toEqual([
      'npm ci --omit=dev --no-audit --no-fund && npm cache clean --force',
    ]);
    expect(runtime.find(([keyword]) => keyword === 'USER')?.[1]).toBe('node');
    expect(Object.keys(imageEnv).filter((name) => !GATEWAY_NAMES.includes(name))).toEqual([]);
  });

  it("runs the README's production command and checks /healthz", () => {
    const command = JSON.parse(instructions.findLast(([keyword]) => keyword === 'CMD')![1]) as string[];
    expect(command).toEqual(['node', 'dist/index.js']);
    expect(read('README.md')).toContain(`\`\`\`sh\n${command.join(' ')}\n\`\`\``);
    expect(instructions.find(([keyword]) => keyword === 'HEALTHCHECK')?.[1]).toContain('/healthz`');
    expect(instructions.find(([keyword]) => keyword === 'EXPOSE')?.[1]).toBe('4000 9464');
  });
});

it('answers on the paths the files probe', async () => {
  const { gateway } = await mockGateway();
  try {
    const answers = await Promise.all(
      ['/healthz', '/readyz'].map((url) => gateway.app.inject({ method: 'GET', url })),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
  } finally {
    await gateway.close();
  }
});
