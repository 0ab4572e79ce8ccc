import jsYaml from "js-yaml";

/**
 * The YAML 1.2 core schema, exactly as the spec (and the yaml library) resolves plain scalars,
 * for js-yaml. js-yaml's own CORE_SCHEMA also reads `0b101` and other forms; berth's two readers
 * must agree on every value, so the fast one is held to the same rules as the authoritative one.
 */
const scalar = (tag: string, resolve: (text: string) => boolean, construct: (text: string) => unknown, predicate: (value: unknown) => boolean) =>
  new jsYaml.Type(`tag:yaml.org,2002:${tag}`, { kind: "scalar", resolve: (text: string | null) => resolve(text ?? ""), construct: (text: string | null) => construct(text ?? ""), predicate });

const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

function number(text: string): number {
  if (text.startsWith("0o")) return parseInt(text.slice(2), 8);
  if (text.startsWith("0x")) return parseInt(text.slice(2), 16);
  const lower = text.toLowerCase();
  if (lower.endsWith(".inf")) return lower.startsWith("-") ? -Infinity : Infinity;
  if (lower === ".nan") return NaN;
  return Number(text);
}

/** Every plain scalar is tried against each type: a first-character check spares most strings the regexes. */
const startsLikeNumber = (t: string) => {
  const c = t.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // 0-9 + - .
};

export const YAML_CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar("null", (t) => (t.length === 0 || t.length === 1 || t.length === 4) && NULL.test(t), () => null, (v) => v === null),
    scalar("bool", (t) => (t.length === 4 || t.length === 5) && BOOL.test(t), (t) => t.toLowerCase() === "true", (v) => typeof v === "boolean"),
    scalar("int", (t) => startsLikeNumber(t) && INT.test(t), number, (v) => typeof v === "number" && Number.isInteger(v)),
    scalar("float", (t) => startsLikeNumber(t) && FLOAT.test(t), number, (v) => typeof v === "number"),
  ],
});
