// Image pull secrets, node affinity and pod (anti-)affinity (issue 13): on every pod of the service.
import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../src/kube/index.js";
import { podSpec } from "../../src/kube/pod-spec.js";
import { codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf, objectIn } from "../kube/model.js";
import { validateBuiltIn } from "../support/k8s-models.js";

const TIMEOUT = { timeout: 60_000 };
const SCHEDULING = `image_pull_secrets: [registry-creds]
affinity:
  node_required:
    - { key: kubernetes.io/arch, values: [amd64, arm64] }
    - { key: dedicated, operator: DoesNotExist }
  node_preferred:
    - { key: node.kubernetes.io/instance-type, values: [m7i.large], weight: 20 }
  pods:
    - { match: { app.kubernetes.io/name: postgres }, topology: topology.kubernetes.io/zone }
    - { match: { app.kubernetes.io/name: orders-api }, anti: true, required: true }
`;

describe("scheduling: the pods", TIMEOUT, () => {
  it("server and job pods carry the pull secret and the affinity as written; keeping replicas apart holds for the server only", async () => {
    const m = await modelOf(base(SCHEDULING));
    const server = podSpec(m, { server: true }) as any;
    const job = podSpec(m, { server: false, command: ["./job"], restartPolicy: "Never" }) as any;
    const node = {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] }, { key: "dedicated", operator: "DoesNotExist" }] }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, preference: { matchExpressions: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["m7i.large"] }] } }],
    };
    const nearPostgres = {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { "app.kubernetes.io/name": "postgres" } }, topologyKey: "topology.kubernetes.io/zone" } },
      ],
    };
    for (const pod of [server, job]) expect(pod.imagePullSecrets).toEqual([{ name: "registry-creds" }]);
    expect(server.affinity).toEqual({
      nodeAffinity: node,
      podAffinity: nearPostgres,
      // Narrowed to the server's replicas: the jobs' pods carry the name label too.
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/component": "server" } }, topologyKey: "kubernetes.io/hostname" },
        ],
      },
    });
    // The anti-affinity selects the service's own pods: on a job it would keep it off every node a replica runs on.
    expect(job.affinity).toEqual({ nodeAffinity: node, podAffinity: nearPostgres });
    expect(validateBuiltIn(objectIn(buildKubeObjects(m), "deployment.yaml"))).toEqual([]);
  });

  it("without them the pod has neither key", async () => {
    const pod = podSpec(await modelOf(base()), { server: true });
    expect(pod.affinity).toBeUndefined();
    expect(pod.imagePullSecrets).toBeUndefined();
  });
});

describe("scheduling: located errors", TIMEOUT, () => {
  it.each([
    ["In without values", "affinity:\n  node_required:\n    - { key: zone }\n", "AFFINITY_VALUES", "{ key: zone }"],
    ["Exists with values", "affinity:\n  node_required:\n    - { key: gpu, operator: Exists, values: [a] }\n", "AFFINITY_VALUES", "values: [a]"],
    ["Gt with a word", "affinity:\n  node_preferred:\n    - { key: cores, operator: Gt, values: [many], weight: 5 }\n", "AFFINITY_VALUES", "{ key: cores"],
    ["a weight on a required term", "affinity:\n  node_required:\n    - { key: gpu, operator: Exists, weight: 5 }\n", "FIELD_NOT_APPLICABLE", "weight: 5"],
    ["a weight on a required pod term", "affinity:\n  pods:\n    - { match: { app: db }, required: true, weight: 80 }\n", "FIELD_NOT_APPLICABLE", "weight: 80"],
    ["a pull secret that is not a name", "image_pull_secrets: [Registry_Creds]\n", "INVALID_NAME", "Registry_Creds"],
  ])("%s: %s", async (_what, extra, code, at) => {
    const text = base(extra);
    expect(codesAt(await load(text))).toEqual([`${code}@${positionOf(text, at)}`]);
  });
});
