import { manifestSchema, type SchemaNode } from "../../src/schema/manifest-schema.js";
import { headerText } from "../../src/output/header.js";

/** The manifest schema node at `$defs/<name>`, with every `$ref` inlined and berth-only keywords dropped. */
function fromManifest(name: string): SchemaNode {
  return inline(manifestSchema.$defs[name]!);
}

function inline(node: SchemaNode): SchemaNode {
  if (node.$ref) {
    const { $ref, ...rest } = node;
    return { ...inline(manifestSchema.$defs[$ref.split("/").pop()!]!), ...strip(rest) };
  }
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(strip(node))) {
    if (key === "properties") out.properties = Object.fromEntries(Object.entries(value as Record<string, SchemaNode>).map(([k, v]) => [k, inline(v)]));
    else if ((key === "items" || key === "additionalProperties" || key === "propertyNames") && typeof value === "object") out[key] = inline(value as SchemaNode);
    else out[key] = value;
  }
  return out;
}

function strip(node: SchemaNode): SchemaNode {
  const { "x-hcl": _h, "x-berth-code": _c, examples: _e, default: _d, ...rest } = node;
  return rest;
}

/**
 * The repository part of the manifest's image pattern (`$defs/imageRef`, up to its `:tag` group), so
 * `--set image.repository=…` with a tag, a digest, upper case or a quote in it fails at install
 * instead of rendering an image reference the kubelet cannot pull (or a template that does not parse).
 */
function repositoryPattern(): string {
  const reference = manifestSchema.$defs.imageRef!.pattern as string;
  const tag = reference.indexOf("(:[A-Za-z0-9_]");
  if (tag < 0) throw new Error("values schema: no tag group in the manifest's imageRef pattern");
  return `${reference.slice(0, tag)}$`;
}

/**
 * values.schema.json, derived from schema/service.schema.json: Helm checks every install-time
 * value against it, so `--set replicas=abc` fails before anything reaches the cluster.
 */
export function valuesSchemaJson(source: string, knobs: SchemaKnobs): string {
  // The body's text without its opening brace: the header's `$comment` goes first.
  const body = JSON.stringify(schemaBody(knobs), null, 2).slice(1);
  return `{\n  "$comment": ${JSON.stringify(headerText(source))},${body}\n`;
}

/**
 * What the schema admits: the environments, the sidecars (of any environment), for each optional knob
 * the environments that have it, and the environments whose database is one SQLite file (one pod at most).
 */
export interface SchemaKnobs {
  environments: readonly string[];
  sidecars: readonly string[];
  singleWriter: readonly string[];
  optional: { env: readonly string[]; sidecars: readonly string[]; expose: readonly string[]; migrations: readonly string[] };
}

function schemaBody(knobs: SchemaKnobs): Record<string, unknown> {
  const settings = manifestSchema.$defs.settings!.properties!;
  const optional = Object.entries(knobs.optional);
  const everywhere = ([, environments]: [string, readonly string[]]) => environments.length === knobs.environments.length;
  const partly = optional.filter((k) => k[1].length && !everywhere(k));
  const image = {
    type: "object",
    description: "Container image.",
    properties: {
      repository: { type: "string", minLength: 1, pattern: repositoryPattern(), description: "Image repository, without tag or digest." },
      // A number too: `--set image.tag=1234` (a build number) is one; the templates print its digits. At
      // most 2^53 - 1, so a float from a values file still has them all; `tag: 1.10` (a float) is refused.
      tag: { type: ["string", "integer"], pattern: "^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$", minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "Image tag." },
      digest: { type: "string", pattern: "^(sha256:[a-f0-9]{64})?$", description: "Image digest; wins over the tag." },
    },
    required: ["repository", "tag", "digest"],
    additionalProperties: false,
  };
  const replicas = { type: "integer", minimum: 1, maximum: 1000, description: settings.replicas!.description };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
      // An unknown environment fails at install, before anything is rendered.
      environment: { type: "string", enum: [...knobs.environments], description: "The environment whose objects the chart renders (set by values-<env>.yaml)." },
      image,
      replicas,
      resources: fromManifest("resources"),
      // Only where an environment has plain configuration: without it there is no ConfigMap for the value to reach.
      ...(knobs.optional.env.length ? { env: inline(settings.env!) } : {}),
      secrets: inline(settings.secrets!),
      autoscaling: {
        type: "object",
        description: "Horizontal autoscaling.",
        // The bounds of replicas, each described as itself (not as the fixed count the autoscaler replaces).
        properties: {
          enabled: { type: "boolean", description: "Whether the HorizontalPodAutoscaler owns the replica count (then `replicas` is ignored)." },
          minReplicas: { ...replicas, description: "Fewest pods the autoscaler keeps." },
          maxReplicas: { ...replicas, description: "Most pods the autoscaler runs." },
        },
        required: ["enabled", "minReplicas", "maxReplicas"],
        additionalProperties: false,
      },
      ...(knobs.sidecars.length
        ? {
            sidecars: {
              type: "object",
              description: "The server's sidecars by name: image and size.",
              properties: Object.fromEntries(knobs.sidecars.map((name) => [name, { type: "object", properties: { image, resources: fromManifest("resources") }, required: ["image", "resources"], additionalProperties: false }])),
              additionalProperties: false,
            },
          }
        : {}),
      ...(knobs.optional.expose.length
        ? { expose: { type: "object", properties: { hosts: inline(manifestSchema.$defs.expose!.properties!.hosts!) }, required: ["hosts"], additionalProperties: false } }
        : {}),
      ...(knobs.optional.migrations.length
        ? { migrations: { type: "object", properties: { enabled: { type: "boolean" } }, required: ["enabled"], additionalProperties: false } }
        : {}),
    },
    required: ["environment", "image", "replicas", "resources", "env", "secrets", "autoscaling", "sidecars", "expose", "migrations"].filter((key) => {
      const environments = knobs.optional[key as keyof SchemaKnobs["optional"]];
      return !environments || everywhere([key, environments]);
    }),
    additionalProperties: false,
    // A knob only some environments have is required when one of them is chosen, and refused for the
    // others (their values files set it to null, which removes it): there it has no object to reach.
    ...(partly.length || knobs.singleWriter.length
      ? {
          allOf: [
            ...partly.map(([key, environments]) => ({ if: { properties: { environment: { enum: [...environments] } } }, then: { required: [key] }, else: { properties: { [key]: false } } })),
            // SQLite is one file with one writer (the checklist's sqlite-single-writer is an error): neither the
            // replica count nor the autoscaler may add a second pod at install time.
            ...(knobs.singleWriter.length
              ? [{ if: { properties: { environment: { enum: [...knobs.singleWriter] } } }, then: { properties: { replicas: { maximum: 1 }, autoscaling: { properties: { maxReplicas: { maximum: 1 } } } } } }]
              : []),
          ],
        }
      : {}),
  };
}
