import type { DataPath, Diagnostic, Position } from "../diagnostics/diagnostic.js";
import { LineIndex, type LocateTarget } from "../diagnostics/locate.js";
import { diagnosticAtPosition } from "../diagnostics/make.js";
import { manifestSchema } from "../schema/manifest-schema.js";
import { scanHcl, type HclNode } from "./hcl-scan.js";
import { hclToData, type HclStep } from "./hcl-to-data.js";
import { loadHcl2Json } from "./load-hcl2json.js";
import { findTooDeep, type ParseResult } from "./parsed.js";

/** hcl2json reports `file:line,col-…: Summary; Detail` for each syntax error. */
const HCL_ERROR = /:(\d+),(\d+)(?:-[\d,]+)?: ([^;\]]+)(?:; ([^\]]*?))?(?=\], \[|\]$|$)/g;

/** Parses an HCL manifest into the same data a YAML manifest gives, with positions for diagnostics. */
export async function parseHcl(file: string, text: string): Promise<ParseResult> {
  const lines = new LineIndex(text);
  if (text.trim() === "" || text.split("\n").every((l) => /^\s*(#|\/\/|$)/.test(l))) {
    return { ok: false, diagnostics: [diagnosticAtPosition(file, "EMPTY_MANIFEST", { line: 1, col: 1 }, "the manifest is empty")] };
  }
  const parse = await loadHcl2Json();
  let json: Record<string, unknown>;
  try {
    json = await parse(file, text);
  } catch (error) {
    return { ok: false, diagnostics: syntaxDiagnostics(file, String((error as Error)?.message ?? error)) };
  }
  const tree = scanHcl(text);
  const conversion = hclToData(json, manifestSchema);
  const locateSteps = (steps: HclStep[], target: LocateTarget): Position => lines.position(offsetOf(tree, steps, target));
  const locate = (path: DataPath, target: LocateTarget = "value"): Position => {
    for (let n = path.length; n >= 0; n--) {
      const steps = conversion.steps.get(path.slice(0, n).map((p) => "/" + String(p)).join(""));
      if (steps) return locateSteps(steps, n === path.length ? target : "key");
    }
    return { line: 1, col: 1 };
  };
  const problems: Diagnostic[] = conversion.problems.map((p) => diagnosticAtPosition(file, p.code, locateSteps(p.steps, p.code === "HCL_INTERPOLATION" ? "value" : "key"), p.message));
  const deep = findTooDeep(conversion.value);
  if (deep) problems.push(diagnosticAtPosition(file, "YAML_TOO_DEEP", locate(deep), `values nest more than ${deep.length} levels deep`));
  if (problems.length) return { ok: false, diagnostics: problems };
  return { ok: true, source: { file, text, format: "hcl", value: conversion.value, locate } };
}

function syntaxDiagnostics(file: string, message: string): Diagnostic[] {
  const found = [...message.matchAll(HCL_ERROR)].map((m) =>
    diagnosticAtPosition(file, "HCL_SYNTAX", { line: Number(m[1]), col: Number(m[2]) }, m[4] ? `${m[3]}: ${m[4].trim()}` : m[3]!),
  );
  return found.length ? found : [diagnosticAtPosition(file, "HCL_SYNTAX", { line: 1, col: 1 }, message.replace(/^parse config: /, ""))];
}

/** Follows the steps through the scanned text, stopping at the deepest node found. */
function offsetOf(root: HclNode, steps: HclStep[], target: LocateTarget): number {
  let node = root;
  for (const step of steps) {
    let next: HclNode | undefined;
    if ("item" in step) next = node.items[step.item];
    else {
      const candidates = node.children.get(step.name) ?? [];
      next = step.label !== undefined ? candidates.find((c) => c.labels[0] === step.label) : candidates[step.occurrence ?? 0];
      // A list written as one attribute (`allow_from = [{…}, {…}]`) rather than repeated blocks.
      if (!next && step.occurrence !== undefined && candidates.length === 1) next = candidates[0]!.items[step.occurrence];
    }
    if (!next) return node.start;
    node = next;
  }
  return target === "key" ? node.start : node.valueStart;
}
