import type { YamlValue } from "../output/yaml.js";

export type ObjectMeta = {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};

/** A Kubernetes object as plain data, keys in the order they will be written. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: YamlValue | ObjectMeta;
};

/** An object and the file it is written to (`deployment.yaml`, `service-preview.yaml`, …). */
export interface NamedObject {
  file: string;
  object: KubeObject;
}
