import { validationRule } from "../validation-rule.js";

/** Exposure needs one target port and at least one way in (Gateway API or Ingress). */
export const exposeTarget = validationRule({
  id: "expose-target",
  check({ spec, report }) {
    const ports = spec.ports ?? [];
    const exposed = ports.map((p, i) => ({ p, i })).filter(({ p }) => p.expose);
    if (exposed.length > 1) {
      for (const { i } of exposed.slice(1)) report("EXPOSE_PORT", ["ports", i, "expose"], `more than one port is marked expose: true`);
    }
    if (!spec.expose) {
      for (const { i } of exposed) {
        report("EXPOSE_PORT", ["ports", i, "expose"], `port ${ports[i]!.name} is marked expose: true but there is no \`expose\` block`, {
          hint: "Add `expose: { hosts: [...], ingress: { class: ... } }`, or remove `expose: true`.",
        });
      }
      return;
    }
    if (ports.length === 1 && ports[0]!.expose === false) {
      report("EXPOSE_PORT", ["ports", 0, "expose"], `port ${ports[0]!.name} says expose: false, but it is the only port and \`expose\` routes to it`, {
        hint: "Remove `expose: false`, or remove the `expose` block.",
      });
    }
    if (exposed.length === 0 && ports.length !== 1) {
      report("EXPOSE_PORT", ["expose"], ports.length ? "expose has no target: no port is marked expose: true" : "expose has no target: no ports are declared", {
        target: "key",
      });
    }
    if (spec.expose.tls?.issuer && !spec.expose.ingress) {
      report("FIELD_NOT_APPLICABLE", ["expose", "tls", "issuer"], "expose.tls.issuer is applied through the Ingress (a cert-manager annotation); an HTTPRoute cannot carry it", {
        severity: "warning",
        target: "key",
        hint: "With a Gateway only, issue the certificate on the Gateway's listener and name its Secret in `expose.tls.secret` (the certificate-expiry alert watches it).",
      });
    }
    if (!spec.expose.gateway && !spec.expose.ingress) {
      report("EXPOSE_ROUTE", ["expose"], "expose says where (hosts) but not how: neither gateway nor ingress", { target: "key" });
    }
  },
});
