import { DEFAULTS } from "./defaults.js";
import { INJECTED_SECRET_ENV, primaryPort } from "./conventions.js";
import type { Model, Peer } from "./model.js";
import type { PeerSpec, ResolvedSpec } from "./spec.js";
import { compare } from "./order.js";
import { parseDuration } from "./units.js";

type EdgePart = Pick<Model, "expose" | "http" | "auth"> & { network: Omit<Model["network"], "dependencies"> };

/** How traffic reaches the service, what the app enforces on it, and who may talk to whom. */
export function normalizeEdge(spec: ResolvedSpec): EdgePart {
  const expose = spec.expose;
  const exposedPort = primaryPort(spec);
  const cors = spec.http?.cors;
  const limit = spec.http?.rate_limit;
  const timeouts = spec.http?.timeouts ?? {};
  const seconds = parseDuration;
  const auth = spec.auth;
  return {
    ...(expose && exposedPort
      ? {
          expose: {
            hosts: [...expose.hosts].sort(),
            path: expose.path ?? DEFAULTS.expose.path,
            port: exposedPort,
            ...(expose.tls ? { tls: { ...expose.tls } } : {}),
            ...(expose.gateway ? { gateway: { ...expose.gateway } } : {}),
            ...(expose.ingress ? { ingress: { className: expose.ingress.class, namespace: expose.ingress.namespace ?? DEFAULTS.expose.ingress.namespace } } : {}),
          },
        }
      : {}),
    http: {
      ...(cors
        ? {
            cors: {
              origins: [...cors.origins].sort(),
              methods: [...(cors.methods ?? DEFAULTS.http.cors.methods)].sort(),
              headers: [...(cors.headers ?? [])].sort(),
              credentials: cors.credentials ?? DEFAULTS.http.cors.credentials,
              maxAgeSeconds: parseDuration(cors.max_age ?? DEFAULTS.http.cors.max_age),
            },
          }
        : {}),
      ...(limit
        ? {
            rateLimit: {
              enabled: limit.enabled ?? DEFAULTS.http.rate_limit.enabled,
              ...(limit.requests_per_second !== undefined ? { requestsPerSecond: limit.requests_per_second } : {}),
              ...(limit.burst !== undefined ? { burst: limit.burst } : {}),
              key: limit.key ?? DEFAULTS.http.rate_limit.key,
              ...(limit.header ? { header: limit.header } : {}),
              excludePaths: [...(limit.exclude_paths ?? [])].sort(),
            },
          }
        : {}),
      timeouts: {
        ...(timeouts.request ? { requestSeconds: seconds(timeouts.request) } : {}),
        ...(timeouts.read ? { readSeconds: seconds(timeouts.read) } : {}),
        ...(timeouts.write ? { writeSeconds: seconds(timeouts.write) } : {}),
        ...(timeouts.idle ? { idleSeconds: seconds(timeouts.idle) } : {}),
      },
    },
    network: {
      allowFrom: peers(spec.network?.allow_from),
      egress: peers(spec.network?.egress),
      openEgress: spec.network?.open_egress ?? DEFAULTS.network.open_egress,
    },
    ...(auth
      ? {
          auth: {
            preset: auth.preset ?? DEFAULTS.auth.preset,
            ...(auth.jwt_secret ? { jwtSecret: { secret: auth.jwt_secret.secret, key: auth.jwt_secret.key, env: auth.jwt_secret.env ?? INJECTED_SECRET_ENV.jwtSecret } } : {}),
            bruteForce: {
              enabled: auth.brute_force_protection?.enabled ?? DEFAULTS.auth.brute_force_protection.enabled,
              maxAttempts: auth.brute_force_protection?.max_attempts ?? DEFAULTS.auth.brute_force_protection.max_attempts,
              windowSeconds: parseDuration(auth.brute_force_protection?.window ?? DEFAULTS.auth.brute_force_protection.window),
              lockoutSeconds: parseDuration(auth.brute_force_protection?.lockout ?? DEFAULTS.auth.brute_force_protection.lockout),
            },
            sessionStore: auth.session_store ?? DEFAULTS.auth.session_store,
            ...(auth.session_ttl ? { sessionTtlSeconds: parseDuration(auth.session_ttl) } : {}),
            mfa: auth.mfa ?? DEFAULTS.auth.mfa,
          },
        }
      : {}),
  };
}

/** Peers in a canonical order, so reordering `allow_from` never changes the output. */
function peers(list: PeerSpec[] | undefined): Peer[] {
  if (!list?.length) return [];
  return list
    .map((p, index) => {
      const peer: Peer = {
        ...(p.service ? { service: p.service } : {}),
        // A service without a namespace lives in the namespace named after it (berth's convention), never
        // only in this service's namespace: a selector there would match nothing.
        ...(p.namespace ? { namespace: p.namespace } : p.service ? { namespace: p.service } : {}),
        ...(p.cidr ? { cidr: p.cidr } : {}),
        ports: [...new Set(p.ports ?? [])].sort((a, b) => a - b),
        ...(p.protocol ? { protocol: p.protocol } : {}),
        index,
      };
      return { peer, key: `${peer.namespace ?? ""}\0${peer.service ?? ""}\0${peer.cidr ?? ""}\0${peer.ports.join(",")}\0${peer.protocol ?? ""}` };
    })
    .sort((a, b) => compare(a.key, b.key))
    .map(({ peer }) => peer);
}
