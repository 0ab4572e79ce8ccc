import { loadManifest, type LoadedManifest } from "../src/pipeline.js";

/** A small valid manifest; tests append or replace lines to make the one change they study. */
export const BASE_YAML = `apiVersion: berth/v1
kind: Service
name: orders-api
team: payments
image: ghcr.io/acme/orders-api:2.1.0
ports:
  - { name: http, port: 8080 }
  - { name: metrics, port: 9090 }
health:
  liveness: { path: /healthz, port: http }
  readiness: { path: /readyz, port: http }
`;

/** Runs the pipeline on manifest text. */
export function load(text: string, file = "service.yaml"): Promise<LoadedManifest> {
  return loadManifest(file, new TextEncoder().encode(text));
}

/** The diagnostics as `CODE@line:col`, the form most assertions compare. */
export function codesAt(result: LoadedManifest): string[] {
  return result.diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`);
}

/** 1-based line and column of the first occurrence of `needle` in `text` (after `after`, if given). */
export function positionOf(text: string, needle: string, after = ""): string {
  const start = after ? text.indexOf(after) : 0;
  const offset = text.indexOf(needle, start);
  if (offset < 0) throw new Error(`test setup: ${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}
