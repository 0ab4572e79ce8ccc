import { LABELS } from "../model/conventions.js";
import type { Model, Peer } from "../model/model.js";
import type { YamlValue } from "../output/yaml.js";
import { metadata, serviceLabel } from "./names.js";
import type { KubeObject } from "./object.js";

const NAMESPACE_NAME = "kubernetes.io/metadata.name";

/**
 * Default deny, then exactly what the manifest allows: callers in `network.allow_from`, the edge
 * (ingress controller or gateway) on the exposed port, Prometheus on the metrics port; outgoing
 * DNS, `network.egress`, and the operator-managed database.
 */
export function networkPolicy(m: Model): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: metadata(m, "NetworkPolicy", m.names.networkPolicy),
    spec: {
      // All the service's pods, servers and jobs: one label (Polaris requires the selector to match exactly one pod label).
      podSelector: { matchLabels: serviceLabel(m) },
      policyTypes: ["Ingress", "Egress"],
      ingress: ingressRules(m),
      egress: egressRules(m),
    },
  };
}

function ingressRules(m: Model): YamlValue[] {
  const rules: YamlValue[] = m.network.allowFrom.map((peer) => rule("from", peer));
  const port = (name: string) => m.podPorts.find((p) => p.name === name || String(p.port) === name);
  if (m.expose) {
    const edge = m.expose.gateway?.namespace ?? m.expose.ingress?.namespace;
    const namespaces = [...new Set([m.expose.gateway?.namespace, m.expose.ingress?.namespace].filter((n): n is string => !!n))].sort();
    const exposed = port(m.expose.port);
    if (edge && exposed) {
      rules.push({
        from: namespaces.map((ns) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: ns } } })),
        ports: [{ protocol: exposed.protocol, port: exposed.port }],
      });
    }
  }
  // Ports a NodePort or LoadBalancer Service publishes: from the load balancer's source ranges when client addresses reach the pods, else from anywhere.
  for (const reachable of m.serviceExposure.reachable) {
    rules.push({ from: reachable.from.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: reachable.protocol, port: reachable.port }] });
  }
  const metrics = m.monitoring.metrics ? port(String(m.monitoring.metrics.port)) : undefined;
  if (metrics) {
    rules.push({
      from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: m.monitoring.prometheusNamespace } } }],
      ports: [{ protocol: metrics.protocol, port: metrics.port }],
    });
  }
  return rules;
}

function egressRules(m: Model): YamlValue[] {
  if (m.network.openEgress) return [{}];
  const dns: YamlValue = {
    to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
    ports: [
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ],
  };
  const rules: YamlValue[] = [dns, ...m.network.egress.map((peer) => rule("to", peer))];
  if (m.database?.managedBy === "cloudnative-pg" && m.database.cluster) {
    rules.push({ to: [{ podSelector: { matchLabels: { "cnpg.io/cluster": m.database.cluster } } }], ports: [{ protocol: "TCP", port: 5432 }] });
  }
  return rules;
}

function rule(direction: "from" | "to", peer: Peer): YamlValue {
  const selector: Record<string, YamlValue> = peer.cidr
    ? { ipBlock: { cidr: peer.cidr } }
    : {
        ...(peer.namespace ? { namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: peer.namespace } } } : {}),
        ...(peer.service ? { podSelector: { matchLabels: { [LABELS.name]: peer.service } } } : {}),
      };
  return {
    [direction]: [selector],
    // A declared protocol without ports is every port of that protocol; neither is every port of every protocol.
    ...(peer.ports.length ? { ports: peer.ports.map((port) => ({ protocol: peer.protocol ?? "TCP", port })) } : peer.protocol ? { ports: [{ protocol: peer.protocol }] } : {}),
  };
}
