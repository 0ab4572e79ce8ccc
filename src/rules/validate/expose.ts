import { validationRule } from "../validation-rule.js";

const HTTPROUTE_MAX_HOSTNAMES = 16;

/** Exposure needs one target port and at least one way in (Gateway API or Ingress). */
export const exposeTarget = validationRule({
  id: "expose-target",
  check({ spec, report }) {
    const ports = spec.ports ?? [];
    const exposed = ports.map((p, i) => ({ p, i })).filter(({ p }) => p.expose);
    if (exposed.length > 1) {
      for (const { i } of exposed.slice(1)) report("EXPOSE_PORT", ["ports", i, "expose"], { reason: "several" });
    }
    if (!spec.expose) {
      for (const { i } of exposed) {
        report("EXPOSE_PORT", ["ports", i, "expose"], { reason: "no-expose-block", port: ports[i]!.name });
      }
      return;
    }
    if (ports.length === 1 && ports[0]!.expose === false) {
      report("EXPOSE_PORT", ["ports", 0, "expose"], { reason: "only-port-not-exposed", port: ports[0]!.name });
    }
    if (exposed.length === 0 && ports.length !== 1) {
      report("EXPOSE_PORT", ["expose"], { reason: "no-target", ports: ports.length }, { target: "key" });
    }
    if (spec.expose.tls?.issuer && !spec.expose.ingress) {
      report("FIELD_NOT_APPLICABLE", ["expose", "tls", "issuer"], { reason: "issuer-needs-ingress", field: "expose.tls.issuer" }, { severity: "warning", target: "key" });
    }
    if (!spec.expose.gateway && !spec.expose.ingress) {
      report("EXPOSE_ROUTE", ["expose"], {}, { target: "key" });
    }
    // HTTPRoute's spec.hostnames has maxItems 16 (Gateway API CRD): the route berth writes would be refused.
    if (spec.expose.gateway && spec.expose.hosts.length > HTTPROUTE_MAX_HOSTNAMES) {
      report("GATEWAY_HOSTS_LIMIT", ["expose", "hosts", HTTPROUTE_MAX_HOSTNAMES], { hosts: spec.expose.hosts.length, limit: HTTPROUTE_MAX_HOSTNAMES });
    }
  },
});
