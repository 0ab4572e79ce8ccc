import type { Model } from "./model.js";

/** Which output needs a prerequisite: the plain manifests and the chart, the backup objects, or the monitoring objects. */
export type PrerequisiteOutput = "workload" | "backup" | "prometheus";

/**
 * Something the cluster must have before berth's outputs apply: a cluster-scoped object a platform team
 * provides once (a PriorityClass, an IngressClass), an operator's CRDs and controller, a shared namespace.
 * berth does not emit them (their settings are the platform's, not the service's); it lists them in the
 * checklist and NOTES.txt, and the checklist rule `cluster-prerequisites` reports them.
 */
export interface Prerequisite {
  kind: "PriorityClass" | "StorageClass" | "CustomResourceDefinition" | "Namespace" | "IngressClass" | "Gateway" | "ClusterIssuer" | "Cluster";
  /** The object's name (CRDs by their full name). */
  name: string;
  /** What provides it. */
  providedBy: string;
  output: PrerequisiteOutput;
  /** The manifest field that makes it necessary. */
  path: Array<string | number>;
}

type Facts = Pick<Model, "scheduling" | "deploy" | "expose" | "backup" | "database" | "monitoring" | "volumes">;

/** The prerequisites of one service in one environment, in a fixed order (by output, then kind, then name). */
export function prerequisites(m: Facts): Prerequisite[] {
  const out: Prerequisite[] = [];
  const add = (p: Prerequisite) => {
    if (!out.some((o) => o.kind === p.kind && o.name === p.name && o.output === p.output)) out.push(p);
  };
  const crds = (names: string[], providedBy: string, output: PrerequisiteOutput, path: Array<string | number>) =>
    names.forEach((name) => add({ kind: "CustomResourceDefinition", name, providedBy, output, path }));

  if (m.scheduling.priorityClass) {
    add({ kind: "PriorityClass", name: m.scheduling.priorityClass, providedBy: "the platform team (cluster-scoped, applied once)", output: "workload", path: ["priority_class"] });
  }
  m.volumes.forEach((v) => {
    if (!v.persistent) return;
    add({
      kind: "StorageClass",
      name: v.storageClass ?? "(the cluster's default)",
      providedBy: "the platform team, with a provisioner that can bind the claim",
      output: "workload",
      path: ["volumes"],
    });
  });
  if (m.deploy.strategy !== "rolling") {
    crds(["rollouts.argoproj.io", "analysistemplates.argoproj.io", "analysisruns.argoproj.io"], "Argo Rollouts (its CRDs and controller)", "workload", ["deploy", "strategy"]);
  }
  if (m.expose?.gateway) {
    crds(["httproutes.gateway.networking.k8s.io"], "the Gateway API CRDs", "workload", ["expose", "gateway"]);
    add({ kind: "Gateway", name: `${m.expose.gateway.namespace}/${m.expose.gateway.name}`, providedBy: "the platform team's gateway controller", output: "workload", path: ["expose", "gateway"] });
  }
  if (m.expose?.ingress) {
    add({ kind: "IngressClass", name: m.expose.ingress.className, providedBy: "an ingress controller", output: "workload", path: ["expose", "ingress"] });
  }
  if (m.expose?.tls?.issuer) {
    add({ kind: "ClusterIssuer", name: m.expose.tls.issuer, providedBy: "cert-manager", output: "workload", path: ["expose", "tls", "issuer"] });
  }
  if (m.database?.managedBy === "cloudnative-pg" && m.database.cluster) {
    // A Cluster berth owns is in the backup output: then the operator's CRD is the prerequisite, not the Cluster.
    if (m.database.cnpgCluster) {
      crds(["clusters.postgresql.cnpg.io"], "CloudNativePG (its CRDs and operator)", "backup", ["database", "cloudnative_pg"]);
      if (m.database.cnpgCluster.monitoring) crds(["podmonitors.monitoring.coreos.com"], "prometheus-operator", "backup", ["database", "cloudnative_pg", "monitoring"]);
    } else {
      add({ kind: "Cluster", name: m.database.cluster, providedBy: "CloudNativePG (postgresql.cnpg.io Cluster in the service's namespace)", output: "workload", path: ["database", "cluster"] });
    }
    if (m.database.pooler) crds(["poolers.postgresql.cnpg.io"], "CloudNativePG (its CRDs and operator)", "backup", ["database", "pooler"]);
  }
  if (m.backup) {
    crds(["schedules.velero.io", "backupstoragelocations.velero.io"], "Velero (its CRDs and server)", "backup", ["backup"]);
    add({ kind: "Namespace", name: m.backup.namespace, providedBy: "the Velero installation", output: "backup", path: ["backup"] });
    if (m.backup.databaseCluster) crds(["scheduledbackups.postgresql.cnpg.io"], "CloudNativePG", "backup", ["backup"]);
    if (m.backup.objectStore) crds(["objectstores.barmancloud.cnpg.io"], "the barman-cloud plugin for CloudNativePG", "backup", ["backup", "storage"]);
  }
  if (m.monitoring.metrics) crds(["servicemonitors.monitoring.coreos.com"], "prometheus-operator", "prometheus", ["monitoring", "metrics"]);
  if (m.monitoring.alerts.length || m.monitoring.customAlerts.length || m.monitoring.slo) {
    crds(["prometheusrules.monitoring.coreos.com"], "prometheus-operator", "prometheus", ["monitoring"]);
  }
  return out;
}
