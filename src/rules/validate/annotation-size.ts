import { validationRule } from "../validation-rule.js";

/** The most annotation bytes (keys and values together) Kubernetes accepts on one object. */
export const ANNOTATIONS_LIMIT = 256 * 1024;

/**
 * Every generated object carries the service's annotations: its owner and description (as
 * `berth.dev/owner` and `berth.dev/description`) and the manifest's own. The API server refuses an
 * object whose annotations total more than 256 KiB, so a manifest that would produce one is refused
 * here, where it is written, rather than at `kubectl apply`.
 */
export const annotationSize = validationRule({
  id: "annotation-size",
  check({ model, spec, report }) {
    const { owner, description, annotations, podAnnotations, objectMetadata } = model.identity;
    const common: Array<[string, string]> = [
      ...(owner ? [["berth.dev/owner", owner] as [string, string]] : []),
      ...(description ? [["berth.dev/description", description] as [string, string]] : []),
      ...Object.entries(annotations),
    ];
    const size = bytes(common);
    if (size > ANNOTATIONS_LIMIT) {
      const path = spec.annotations && Object.keys(spec.annotations).length ? ["annotations"] : ["description"];
      report("ANNOTATIONS_TOO_LARGE", path, { size, limit: ANNOTATIONS_LIMIT }, { target: "key" });
      return;
    }
    // One kind's objects carry the common annotations and the kind's own; the pods only their own.
    for (const [kind, meta] of Object.entries(objectMetadata)) {
      const total = size + bytes(Object.entries(meta!.annotations));
      if (total > ANNOTATIONS_LIMIT) report("ANNOTATIONS_TOO_LARGE", ["object_metadata", kind, "annotations"], { size: total, limit: ANNOTATIONS_LIMIT, on: kind }, { target: "key" });
    }
    const pod = bytes(Object.entries(podAnnotations));
    if (pod > ANNOTATIONS_LIMIT) report("ANNOTATIONS_TOO_LARGE", ["pod_annotations"], { size: pod, limit: ANNOTATIONS_LIMIT, on: "pod" }, { target: "key" });
  },
});

function bytes(entries: Array<[string, string]>): number {
  let size = 0;
  for (const [key, value] of entries) size += utf8Length(key) + utf8Length(value);
  return size;
}

/** Bytes of `text` in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) (bytes += 4), i++;
    else bytes += 3;
  }
  return bytes;
}
