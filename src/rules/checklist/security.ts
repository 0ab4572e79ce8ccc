import { checklistRule } from "../checklist-rule.js";
import { isProduction } from "../rule.js";

export const tlsOnExposure = checklistRule({
  id: "tls-on-exposure",
  area: "security",
  severity: "error",
  title: "Exposed traffic is encrypted",
  why: "Traffic from outside the cluster crosses networks berth does not control; without TLS, credentials and data travel in clear.",
  fix: "Add `expose.tls` with a certificate Secret or a cert-manager issuer.",
  check: (m) => (m.expose ? (m.expose.tls ? [] : [{ path: ["expose"], message: "the service is exposed without TLS" }]) : undefined),
});

export const corsNoWildcard = checklistRule({
  id: "cors-no-wildcard",
  area: "security",
  severity: "error",
  title: "CORS names its origins",
  why: "A `*` origin lets any website call the API from a user's browser.",
  fix: "List the exact origins in `http.cors.origins` (https://app.example.com).",
  check: (m) => {
    const cors = m.http.cors;
    if (!cors) return undefined;
    const wildcard = cors.origins.findIndex((o) => o.includes("*"));
    if (wildcard < 0) return [];
    return isProduction(m) || cors.credentials ? [{ path: ["http", "cors", "origins"], message: `CORS allows the origin ${JSON.stringify(cors.origins[wildcard])}` }] : [];
  },
});

export const rateLimitEnabled = checklistRule({
  id: "rate-limit-enabled",
  area: "security",
  severity: "warning",
  title: "Exposed HTTP traffic is rate limited",
  why: "Without a rate limit one client can exhaust the service for everyone else.",
  fix: "Add `http.rate_limit` with `requests_per_second` and `burst`.",
  check: (m) => {
    if (!m.expose) return undefined;
    const limit = m.http.rateLimit;
    if (!limit) return [{ path: ["expose"], message: "the exposed service declares no rate limit" }];
    return limit.enabled ? [] : [{ path: ["http", "rate_limit", "enabled"], message: "rate limiting is turned off" }];
  },
});

export const imagePinned = checklistRule({
  id: "image-pinned",
  area: "security",
  severity: "warning",
  title: "The image is pinned",
  why: "A mutable tag (`latest`, or none) means the running code can change without a deploy, and rollbacks may not roll back.",
  fix: "Use a version tag (`:2.1.0`) or, better, a digest (`@sha256:…`).",
  check: (m) => {
    if (m.image.digest) return [];
    const tag = m.image.tag;
    if (!tag) return [{ path: ["image"], message: "the image has no tag (it runs `latest`)" }];
    return /^(latest|main|master|stable|edge|dev|develop|head)$/i.test(tag) ? [{ path: ["image"], message: `the image tag ${JSON.stringify(tag)} is mutable` }] : [];
  },
});

export const securityDefaults = checklistRule({
  id: "restricted-security",
  area: "security",
  severity: "warning",
  title: "Pods keep the restricted security defaults",
  why: "Each departure (a writable root filesystem, added capabilities, no seccomp, an API token) widens what an attacker gets from one compromised pod.",
  fix: "Remove the `security` overrides, or waive this rule with the reason.",
  check: (m) => {
    const out = [];
    if (!m.security.readOnlyRootFilesystem) out.push({ path: ["security", "read_only_root_filesystem"], message: "the root filesystem is writable" });
    if (m.security.addCapabilities.length) out.push({ path: ["security", "add_capabilities"], message: `capabilities added: ${m.security.addCapabilities.join(", ")}` });
    if (m.security.seccomp === "Unconfined") out.push({ path: ["security", "seccomp"], message: "seccomp is unconfined" });
    if (m.security.serviceAccountToken) out.push({ path: ["security", "service_account_token"], message: "a Kubernetes API token is mounted" });
    return out;
  },
});
