/**
 * The checklist's view of what the escape hatches put in the pods: each rule that judges a
 * container also judges the final containers the escape hatches wrote or changed (extra objects,
 * patched objects), at the manifest entry that set the value. A value berth generated is judged
 * from the Model as before, so a patch cannot clear a finding of the manifest (waive it instead).
 */
import type { DataPath } from "../../diagnostics/diagnostic.js";
import { escapedContainers, type EscapedContainer } from "../../kube/escaped-containers.js";
export { tokenlessAccounts } from "../../kube/escaped-containers.js";
import type { JsonValue, Model } from "../../model/model.js";

type Json = Record<string, JsonValue>;
const record = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

/** Findings of one container property over the escaped containers: `judge` returns the facts of a finding, or undefined. */
export function escapedFindings<P>(
  m: Model,
  read: (c: Json, pod: Json) => unknown,
  judge: (value: unknown, who: { container: string }, c: EscapedContainer) => P | undefined,
): Array<{ path: DataPath; params: P }> {
  const out: Array<{ path: DataPath; params: P }> = [];
  for (const c of escapedContainers(m)) {
    const path = c.blame(read);
    if (!path) continue;
    const params = judge(read(c.container, c.pod), { container: `${c.name} (${c.object})` }, c);
    if (params !== undefined) out.push({ path, params });
  }
  return out;
}

/** The CPU and memory fields a container's `resources` lacks (`limits.memory`, …). */
export function missingResources(resources: unknown): string[] {
  const r = record(resources);
  return ["requests", "limits"].flatMap((k) => ["cpu", "memory"].filter((q) => record(r[k])[q] === undefined).map((q) => `${k}.${q}`));
}

/** An image reference's tag and digest (`repo:tag@sha256:…`). */
export function imageParts(image: unknown): { tag?: string; digest?: string } {
  const text = typeof image === "string" ? image : "";
  const [name, digest] = text.split("@", 2) as [string, string | undefined];
  const last = name.slice(name.lastIndexOf("/") + 1);
  const colon = last.lastIndexOf(":");
  return { ...(colon >= 0 ? { tag: last.slice(colon + 1) } : {}), ...(digest ? { digest } : {}) };
}

/**
 * The departures from the restricted defaults a container and its pod make (privileged, root, host
 * namespaces, …): every default berth's own pods keep. `tokenless` names the ServiceAccounts of the
 * final objects that mount no API token (berth's own), so a pod that leaves
 * `automountServiceAccountToken` unset under one of them mounts none.
 */
export function securityDepartures(container: Json, pod: Json, tokenless: ReadonlySet<string> = new Set()): string[] {
  const sc = record(container.securityContext);
  const podSc = record(pod.securityContext);
  const out: string[] = [];
  if (sc.privileged === true) out.push("privileged");
  if (sc.allowPrivilegeEscalation !== false) out.push("privilege-escalation");
  if (sc.runAsNonRoot === false || (sc.runAsNonRoot === undefined && podSc.runAsNonRoot !== true) || sc.runAsUser === 0) out.push("root");
  if (sc.readOnlyRootFilesystem !== true) out.push("writable-root");
  const capabilities = record(sc.capabilities);
  const drop = capabilities.drop;
  if (!Array.isArray(drop) || !drop.includes("ALL")) out.push("capabilities not dropped");
  const add = capabilities.add;
  if (Array.isArray(add) && add.length) out.push(`capabilities ${add.join(", ")}`);
  // The container's profile wins over the pod's; none at all is the runtime's default, unconfined on most nodes.
  const seccomp = record(sc.seccompProfile).type ?? record(podSc.seccompProfile).type;
  if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") out.push("seccomp-unconfined");
  if (pod.hostNetwork === true || pod.hostPID === true || pod.hostIPC === true) out.push("host-namespaces");
  // Kubernetes mounts the API token unless the pod, or else its ServiceAccount, says not to.
  const account = typeof pod.serviceAccountName === "string" ? pod.serviceAccountName : "default";
  if (pod.automountServiceAccountToken === true || (pod.automountServiceAccountToken === undefined && !tokenless.has(account))) out.push("api-token");
  return out;
}

/** Kinds whose pods run to completion: their containers are not probed. */
const RUN_TO_COMPLETION = new Set(["Job", "CronJob"]);

/**
 * Whether an escaped container keeps running and serves ports, so it is probed like the service's own:
 * a container (or a native sidecar: an init container with `restartPolicy: Always`) of a pod that runs
 * until stopped, with ports.
 */
export function servesPorts(c: EscapedContainer, container: Json): boolean {
  if (RUN_TO_COMPLETION.has(c.kind)) return false;
  if (c.field === "initContainers" && container.restartPolicy !== "Always") return false;
  return Array.isArray(container.ports) && container.ports.length > 0;
}

/** The hint of a finding about what an escape hatch set: the manifest's own field is not where to fix it. */
export const ESCAPE_HATCH_ADVICE = "Change the patch or the extra object the finding points at (the manifest's own settings are not what runs here), or waive this rule with the reason.";
