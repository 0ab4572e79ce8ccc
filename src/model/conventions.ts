/**
 * Naming conventions in one place: label keys, the environment variables berth passes to the
 * application, and the default names of injected secrets. Emitters and rules import these
 * instead of spelling names themselves.
 */
import type { InjectedSecretSpec, ResolvedSpec } from "./spec.js";

export const LABELS = {
  name: "app.kubernetes.io/name",
  instance: "app.kubernetes.io/instance",
  version: "app.kubernetes.io/version",
  component: "app.kubernetes.io/component",
  partOf: "app.kubernetes.io/part-of",
  managedBy: "app.kubernetes.io/managed-by",
  team: "berth.dev/team",
  environment: "berth.dev/environment",
} as const;

export const MANAGED_BY = "berth";

/**
 * The Helm chart's folder inside `<out>/<service>/`, beside the environment folders (one chart
 * spans every environment): no environment may take this name.
 */
export const CHART_FOLDER = "helm";

/**
 * Objects that must be applied, and a migration Job completed, before the rest (kubectl has no hooks):
 * `kubectl apply --server-side -k kubernetes/ -l berth.dev/apply-first=true`, wait for the Job, then the rest.
 */
export const APPLY_FIRST_LABEL = "berth.dev/apply-first";

/** Default variable names of the secrets berth injects from dedicated manifest fields. */
export const INJECTED_SECRET_ENV = {
  databaseUrl: "DATABASE_URL",
  databaseReadUrl: "DATABASE_READ_URL",
  jwtSecret: "JWT_SECRET",
  cacheUrl: "REDIS_URL",
} as const;

export interface InjectedSecret {
  env: string;
  /** The manifest field it comes from, for messages. */
  from: string;
  ref: InjectedSecretSpec;
}

/** Secrets injected from `database`, `auth` and `cache` rather than from `secrets`. */
export function injectedSecretEnv(spec: ResolvedSpec): InjectedSecret[] {
  const out: InjectedSecret[] = [];
  const add = (ref: InjectedSecretSpec | undefined, fallback: string, from: string) => {
    if (ref) out.push({ env: ref.env ?? fallback, from, ref });
  };
  if (spec.database?.engine !== "sqlite") {
    add(spec.database?.url, INJECTED_SECRET_ENV.databaseUrl, "database.url");
    add(spec.database?.read_url, INJECTED_SECRET_ENV.databaseReadUrl, "database.read_url");
  }
  add(spec.auth?.jwt_secret, INJECTED_SECRET_ENV.jwtSecret, "auth.jwt_secret");
  if (spec.cache?.backend === "redis") add(spec.cache.url, INJECTED_SECRET_ENV.cacheUrl, "cache.url");
  return out;
}

/**
 * The service's main port: the one marked `expose: true`, or the only one. `expose` routes to it
 * and probes that name no port use it.
 */
export function primaryPort(spec: Pick<ResolvedSpec, "ports">): string | undefined {
  const ports = spec.ports ?? [];
  return ports.find((p) => p.expose)?.name ?? (ports.length === 1 ? ports[0]!.name : undefined);
}
