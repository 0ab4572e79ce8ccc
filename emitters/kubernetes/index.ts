import { buildKubeObjects, namespace } from "../../src/kube/index.js";
import { yamlFile } from "../../src/output/output-file.js";
import type { Emitter } from "../types.js";

const DIR = "kubernetes";

/** Plain Kubernetes manifests, one object per file, and the kustomization.yaml that lists them. */
export const kubernetesEmitter: Emitter = {
  name: "kubernetes",
  description: "Kubernetes manifests (one object per file, the Namespace first) with a kustomization.yaml",
  roots: [DIR],
  emit(model, ctx) {
    // The Namespace first: kustomize keeps this order, and everything else lives in it.
    const objects = [{ file: "namespace.yaml", object: namespace(model) }, ...buildKubeObjects(model)];
    const files = objects.map(({ file, object }) => yamlFile(`${DIR}/${file}`, ctx.source, object));
    const kustomization = {
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      resources: objects.map((o) => o.file),
    };
    return [...files, yamlFile(`${DIR}/kustomization.yaml`, ctx.source, kustomization)];
  },
};
