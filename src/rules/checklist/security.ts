import { checklistRule } from "../checklist-rule.js";
import { entryPath, isProduction, type Finding } from "../rule.js";
import { ESCAPE_HATCH_ADVICE, escapedFindings, imageParts, securityDepartures, tokenlessAccounts } from "./escaped.js";

/** A departure from the restricted defaults; `capabilities` lists the added ones, comma-separated. */
type SecurityParams =
  | { reason: "writable-root" | "seccomp-unconfined" | "api-token" }
  | { reason: "capabilities"; capabilities: string }
  | { reason: "escape-hatch"; container: string; departures: string };

export const tlsOnExposure = checklistRule<{ reason?: "issuer-without-ingress" }>({
  id: "tls-on-exposure",
  area: "security",
  severity: "error",
  title: "Exposed traffic is encrypted",
  why: "Traffic from outside the cluster crosses networks berth does not control; without TLS, credentials and data travel in clear.",
  fix: "Add `expose.tls` with a certificate Secret or a cert-manager issuer.",
  message: (p) =>
    p.reason === "issuer-without-ingress"
      ? "the service is exposed through a Gateway only, where expose.tls.issuer has no effect: no certificate is issued or named"
      : "the service is exposed without TLS",
  advice: (p) => (p.reason === "issuer-without-ingress" ? "Issue the certificate on the Gateway's listener and name its Secret in `expose.tls.secret`, or add `expose.ingress` for the issuer to act on." : undefined),
  check: (m) => {
    if (!m.expose) return undefined;
    const tls = m.expose.tls;
    if (!tls) return [{ path: ["expose"], params: {} }];
    // A cert-manager issuer acts through the Ingress only: without one (and without a Secret), nothing holds a certificate.
    if (!tls.secret && !m.expose.ingress) return [{ path: ["expose", "tls", "issuer"], params: { reason: "issuer-without-ingress" } }];
    return [];
  },
});

export const corsNoWildcard = checklistRule<{ origin: string }>({
  id: "cors-no-wildcard",
  area: "security",
  severity: "error",
  title: "CORS names its origins",
  why: "A `*` origin lets any website call the API from a user's browser.",
  fix: "List the exact origins in `http.cors.origins` (https://app.example.com).",
  message: (p) => `CORS allows the origin ${JSON.stringify(p.origin)}`,
  appEnforced: { variables: "`CORS_ALLOWED_ORIGINS` and `CORS_ALLOW_CREDENTIALS`", fields: () => ["http.cors.origins", "http.cors.credentials"] },
  check: (m) => {
    const cors = m.http.cors;
    if (!cors) return undefined;
    const wildcard = cors.origins.findIndex((o) => o.includes("*"));
    if (wildcard < 0) return [];
    return isProduction(m) || cors.credentials ? [{ path: ["http", "cors", "origins"], params: { origin: cors.origins[wildcard]! } }] : [];
  },
});

export const rateLimitEnabled = checklistRule<{ reason: "no-limit" | "off" }>({
  id: "rate-limit-enabled",
  area: "security",
  severity: "warning",
  title: "Exposed HTTP traffic is rate limited",
  why: "Without a rate limit one client can exhaust the service for everyone else.",
  fix: "Add `http.rate_limit` with `requests_per_second` and `burst`.",
  message: (p) => (p.reason === "no-limit" ? "the exposed service declares no rate limit" : "rate limiting is turned off"),
  appEnforced: {
    variables: "`RATE_LIMIT_ENABLED`, `RATE_LIMIT_RPS` and `RATE_LIMIT_BURST`",
    fields: () => ["http.rate_limit.enabled", "http.rate_limit.requests_per_second", "http.rate_limit.burst"],
  },
  check: (m) => {
    if (!m.expose) return undefined;
    const limit = m.http.rateLimit;
    if (!limit) return [{ path: ["expose"], params: { reason: "no-limit" } }];
    return limit.enabled ? [] : [{ path: ["http", "rate_limit", "enabled"], params: { reason: "off" } }];
  },
});

/**
 * A tag that names one build: a full semantic version (`2.1.0`, `v2.1.0`, `2.1.0-rc.1`, `2.1.0-alpine`)
 * or a commit id (7–40 hex digits, optionally `sha-`/`git-` prefixed). Everything else floats by
 * convention: `latest`, `stable`, and partial versions (`v2`, `1`, `1.2`), which registries move to
 * each new patch release.
 */
const PINNED_TAG = /^(v?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?|((sha|git)-)?[0-9a-f]{7,40})$/;

/** Which container a finding is about: the service's own (absent) or a sidecar / init container. */
type Which = { container?: string };
type PinParams = Which & ({ reason: "no-tag" } | { reason: "mutable-tag"; tag: string });
const of = (p: Which) => (p.container ? ` of the container "${p.container}"` : "");

export const imagePinned = checklistRule<PinParams>({
  id: "image-pinned",
  area: "security",
  severity: "warning",
  title: "The image is pinned",
  why: "A floating tag (`latest`, `stable`, a partial version such as `v2` or `1.2`, or none) means the running code can change without a deploy, and rollbacks may not roll back. Pinned means a digest, a full version (`2.1.0`) or a commit id. This holds for sidecars and init containers too.",
  fix: "Use a full version tag (`:2.1.0`) or a commit id, or better, a digest (`@sha256:…`).",
  message: (p) => (p.reason === "no-tag" ? `the image${of(p)} has no tag (it runs \`latest\`)` : `the image tag ${JSON.stringify(p.tag)}${of(p)} floats: it is not a full version, a commit id or a digest`),
  check: (m, ctx) => {
    const images = [
      { image: m.image, path: ["image"] as Array<string | number>, who: {} as Which },
      ...[...m.initContainers, ...m.sidecars].map((c) => ({ image: c.image, path: [c.field, c.index, "image"], who: { container: c.name } })),
      ...(m.database?.migrations.image && m.database.migrations.command ? [{ image: m.database.migrations.image, path: ["database", "migrations", "image"], who: { container: "migration" } }] : []),
      ...m.scheduledJobs
        .filter((j) => j.image && j.command)
        .map((j) => ({ image: j.image!, path: entryPath(ctx, "scheduled_jobs", j.name, "image"), who: { container: j.name } })),
    ];
    const unpinned = (image: { tag?: string; digest?: string }, who: Which): PinParams | undefined => {
      if (image.digest) return undefined;
      const tag = image.tag;
      if (!tag) return { ...who, reason: "no-tag" as const };
      return PINNED_TAG.test(tag) ? undefined : { ...who, reason: "mutable-tag" as const, tag };
    };
    return [
      ...images.flatMap(({ image, path, who }) => {
        const params = unpinned(image, who);
        return params ? [{ path, params }] : [];
      }),
      // Images a patch or an extra object set.
      ...escapedFindings(m, (c) => c.image, (image, who) => unpinned(imageParts(image), who)),
    ];
  },
});

export const publishedPortsRestricted = checklistRule<{ port: number; protocol: string; type: string }>({
  id: "published-ports-restricted",
  area: "security",
  severity: "warning",
  title: "Ports published outside the cluster admit only known clients",
  why: "A NodePort or LoadBalancer Service without source ranges is open to the whole internet: every scanner reaches the port, past the edge's TLS, rate limits and authentication.",
  fix: "List the client ranges in `service.load_balancer.source_ranges` (with `external_traffic_policy: Local` the NetworkPolicy enforces them too), or waive this rule for a port meant to be public (e.g. Git over SSH).",
  message: (p) => `port ${p.port}/${p.protocol} is published by a ${p.type} Service to any address`,
  check: (m, ctx) => {
    // Applies only to production services that publish something outside the cluster.
    if (!isProduction(m) || !m.serviceExposure.reachable.length) return undefined;
    const lb = m.serviceExposure.loadBalancer;
    const main = m.serviceExposure.services.find((s) => s.name === m.names.service);
    const open = (type: string) => type === "NodePort" || (type === "LoadBalancer" && !lb.sourceRanges.length);
    const out: Array<{ path: Finding["path"]; params: { port: number; protocol: string; type: string } }> = [];
    if (main && open(main.type)) out.push({ path: ["service", "type"], params: { port: main.ports[0]!.port, protocol: main.ports[0]!.protocol, type: main.type } });
    for (const p of m.podPorts) {
      if (p.publish && open(p.publish.type)) out.push({ path: entryPath(ctx, "ports", p.name, "publish"), params: { port: p.publish.port, protocol: p.protocol, type: p.publish.type } });
    }
    return out;
  },
});

export const securityDefaults = checklistRule<SecurityParams>({
  id: "restricted-security",
  area: "security",
  severity: "warning",
  title: "Pods keep the restricted security defaults",
  why: "Each departure (a writable root filesystem, added capabilities, no seccomp, an API token) widens what an attacker gets from one compromised pod.",
  fix: "Remove the `security` overrides, or waive this rule with the reason.",
  advice: (p) => (p.reason === "escape-hatch" ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) => {
    switch (p.reason) {
      case "writable-root":
        return "the root filesystem is writable";
      case "capabilities":
        return `capabilities added: ${p.capabilities}`;
      case "seccomp-unconfined":
        return "seccomp is unconfined";
      case "api-token":
        return "a Kubernetes API token is mounted";
      case "escape-hatch":
        return `the container "${p.container}" departs from the restricted defaults (set by an escape hatch): ${p.departures}`;
    }
  },
  check: (m) => {
    const out: Array<{ path: Finding["path"]; params: SecurityParams }> = [];
    if (!m.security.readOnlyRootFilesystem) out.push({ path: ["security", "read_only_root_filesystem"], params: { reason: "writable-root" } });
    if (m.security.addCapabilities.length) out.push({ path: ["security", "add_capabilities"], params: { reason: "capabilities", capabilities: m.security.addCapabilities.join(", ") } });
    if (m.security.seccomp === "Unconfined") out.push({ path: ["security", "seccomp"], params: { reason: "seccomp-unconfined" } });
    if (m.security.serviceAccountToken) out.push({ path: ["security", "service_account_token"], params: { reason: "api-token" } });
    // What a patch or an extra object made of a container's security context (privileged, root, host namespaces, …).
    const tokenless = tokenlessAccounts(m);
    const departures = (c: Record<string, unknown>, pod: Record<string, unknown>) => securityDepartures(c as never, pod as never, tokenless);
    out.push(...escapedFindings(m, departures, (found, who) => ((found as string[]).length ? { reason: "escape-hatch" as const, container: who.container, departures: (found as string[]).join(", ") } : undefined)));
    return out;
  },
});
