import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { DataPath, Position } from "../diagnostics/diagnostic.js";
import { LineIndex, type LocateTarget } from "../diagnostics/locate.js";

/** A locate() for YAML text, from the yaml library's document (which keeps every node's range). */
export function documentLocator(text: string): (path: DataPath, target?: LocateTarget) => Position {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, stringKeys: true, schema: "core", resolveKnownTags: false, merge: false });
  const lines = new LineIndex(text);
  return (path, target = "value") => lines.position(offsetOf(doc, path, target));
}

/** Walks the document along `path`, stopping at the deepest node that exists. */
export function offsetOf(doc: Document.Parsed | Document, path: DataPath, target: LocateTarget): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      const keyOffset = (pair.key as Node).range?.[0] ?? offset;
      const valueNode = pair.value as Node | null;
      if (last && target === "key") return keyOffset;
      offset = valueNode?.range?.[0] ?? keyOffset;
      node = valueNode;
    } else if (isSeq(node) && /^[0-9]+$/.test(String(segment))) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
