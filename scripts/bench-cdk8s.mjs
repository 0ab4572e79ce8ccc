// Child process of `npm run bench`: the baseline berth is compared with. cdk8s + cdk8s-plus
// synthesize the equivalent Deployment + Service + PodDisruptionBudget + HorizontalPodAutoscaler
// for N services (a bench-only dev dependency); prints per-service milliseconds.
import { App, Chart, Duration, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-33";

const count = Number(process.argv[2] ?? 200);

function synthesize(i) {
  const app = new App({ outdir: "/dev/null" });
  const chart = new Chart(app, `service-${i}`, { namespace: `service-${i}` });
  const deployment = new kplus.Deployment(chart, "deployment", {
    // No fixed replicas: the autoscaler owns the count (as in berth's output).
    securityContext: { ensureNonRoot: true, user: 10001, group: 10001 },
    containers: [
      {
        name: `service-${i}`,
        image: "ghcr.io/acme/orders-api:2.1.0",
        portNumber: 8080,
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
          memory: { request: Size.mebibytes(384), limit: Size.mebibytes(768) },
        },
        liveness: kplus.Probe.fromHttpGet("/healthz", { port: 8080, periodSeconds: Duration.seconds(10) }),
        readiness: kplus.Probe.fromHttpGet("/readyz", { port: 8080, periodSeconds: Duration.seconds(5) }),
        securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, ensureNonRoot: true },
      },
    ],
  });
  deployment.exposeViaService({ ports: [{ port: 8080, targetPort: 8080 }] });
  new kplus.k8s.KubePodDisruptionBudget(chart, "pdb", {
    spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: deployment.matchLabels } },
  });
  new kplus.HorizontalPodAutoscaler(chart, "hpa", {
    target: deployment,
    minReplicas: 3,
    maxReplicas: 10,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
  });
  return app.synthYaml();
}

for (let i = 0; i < 20; i++) synthesize(i); // warm-up
const start = performance.now();
let bytes = 0;
for (let i = 0; i < count; i++) bytes += synthesize(i).length;
console.log(JSON.stringify({ msPerService: (performance.now() - start) / count, bytes }));
