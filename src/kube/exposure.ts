import type { Model } from "../model/model.js";
import type { YamlValue } from "../output/yaml.js";
import { formatDuration } from "../model/units.js";
import { metadata } from "./names.js";
import type { NamedObject } from "./object.js";

/** Traffic from outside: a Gateway API HTTPRoute, an Ingress, or both, to the exposed port. */
export function exposure(m: Model): NamedObject[] {
  const e = m.expose;
  if (!e) return [];
  const names = m.names;
  const port = m.ports.find((p) => p.name === e.port)!;
  const out: NamedObject[] = [];
  if (e.gateway) {
    const timeout = m.http.timeouts.requestSeconds;
    out.push({
      file: "httproute.yaml",
      object: {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: metadata(m, "HTTPRoute", names.route),
        spec: {
          parentRefs: [{ name: e.gateway.name, namespace: e.gateway.namespace, ...(e.gateway.section ? { sectionName: e.gateway.section } : {}) }],
          hostnames: e.hosts,
          rules: [
            {
              matches: [{ path: { type: "PathPrefix", value: e.path } }],
              backendRefs: [{ name: names.service, port: port.port }],
              ...(timeout !== undefined ? { timeouts: { request: formatDuration(timeout) } } : {}),
            },
          ],
        },
      },
    });
  }
  if (e.ingress) {
    const tlsSecret = e.tls?.secret ?? (e.tls?.issuer ? names.tlsSecret : undefined);
    const annotations: Record<string, string> = e.tls?.issuer ? { "cert-manager.io/cluster-issuer": e.tls.issuer } : {};
    const backend: YamlValue = { service: { name: names.service, port: { name: port.name } } };
    out.push({
      file: "ingress.yaml",
      object: {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: metadata(m, "Ingress", names.ingress, Object.keys(annotations).length ? { annotations } : {}),
        spec: {
          ingressClassName: e.ingress.className,
          ...(tlsSecret ? { tls: [{ hosts: e.hosts, secretName: tlsSecret }] } : {}),
          rules: e.hosts.map((host) => ({ host, http: { paths: [{ path: e.path, pathType: "Prefix", backend }] } })),
        },
      },
    });
  }
  return out;
}
