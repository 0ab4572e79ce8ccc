// Type-checks dashboard JSON against the Grafana Foundation SDK's own `Dashboard` type: each dashboard is written
// as an object literal assigned to that type, so TypeScript reports a missing required field, a wrong type or
// an unknown key (excess-property checks) at its path. Two things JSON cannot say are bridged: a panel's queries
// are checked against the Prometheus query type (the dashboard type leaves queries open to every data source),
// and a string where the SDK declares an enum is rewritten as that enum's member when it is one of its values at
// run time (then checked again: TypeScript reports one failure per literal, so an enum spelling would hide others).
import { join } from "node:path";
import ts from "typescript";
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboardTypes from "@grafana/grafana-foundation-sdk/dashboard";
import * as prometheusTypes from "@grafana/grafana-foundation-sdk/prometheus";
import { REPO_ROOT } from "../../support/tools.js";

const MODULES: Record<string, Record<string, unknown>> = { common, prometheus: prometheusTypes, dashboard: dashboardTypes };

/** For `Type '"absolute"' is not assignable to type 'ThresholdsMode'` where "absolute" is a ThresholdsMode value: the value and `module.Enum`. */
function enumSpelling(message: string): { value: string; type: string } | undefined {
  const m = /^Type '"([^"]*)"' is not assignable to type '([A-Za-z]+)(?: \| undefined)?'\.$/.exec(message);
  if (!m) return undefined;
  for (const [module, exports] of Object.entries(MODULES)) {
    const e = exports[m[2]!];
    if (typeof e === "object" && e !== null && Object.values(e).includes(m[1])) return { value: m[1]!, type: `${module === "prometheus" ? "prom" : module}.${m[2]}` };
  }
  return undefined;
}

/** The dashboard literal with each panel's `targets` declared apart as Prometheus queries. */
function literal(json: unknown): { decls: string[]; body: string } {
  const decls: string[] = [];
  const copy = structuredClone(json) as { panels?: Array<Record<string, unknown>> };
  for (const p of copy.panels ?? []) {
    if (!Array.isArray(p.targets)) continue;
    const name = `t${decls.length}`;
    // The SDK marks data-source queries with a method (`_implementsDataqueryVariant`) that JSON never carries.
    decls.push(`const ${name}_: Array<Omit<prom.Dataquery, "_implementsDataqueryVariant">> = ${JSON.stringify(p.targets, null, 1)};`);
    decls.push(`const ${name} = ${name}_ as prom.Dataquery[];`);
    p.targets = `@@${name}@@` as unknown as [];
  }
  return { decls, body: JSON.stringify(copy, null, 1).replace(/"@@(t[0-9]+)@@"/g, "$1") };
}

/** Diagnostics of `const d: Dashboard = <json>` for each JSON text; [] when every one fits the type. */
export function checkAgainstSdkTypes(dashboards: Array<{ name: string; json: unknown }>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const files = new Map<string, string>();
  dashboards.forEach((d, i) => {
    const { decls, body } = literal(d.json);
    files.set(
      join(REPO_ROOT, "test", `__dashboard_${i}.mts`),
      [
        `// ${d.name}`,
        'import type * as common from "@grafana/grafana-foundation-sdk/common";',
        'import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";',
        'import type * as prom from "@grafana/grafana-foundation-sdk/prometheus";',
        ...decls,
        `export const d: dashboard.Dashboard = ${body};`,
        "",
      ].join("\n"),
    );
  });
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (f, lang, ...rest) => (files.has(f) ? ts.createSourceFile(f, files.get(f)!, lang) : getSourceFile.call(host, f, lang, ...rest));
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
  let program: ts.Program | undefined;
  for (let round = 0; round < 20; round++) {
    program = ts.createProgram([...files.keys()], options, host, program);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    let patched = false;
    for (const d of diagnostics) {
      const spelling = enumSpelling(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      if (!spelling || !d.file) continue;
      const text = files.get(d.file.fileName)!;
      const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line;
      const lines = text.split("\n");
      const before = lines[line]!;
      lines[line] = before.replace(`"${spelling.value}"`, `("${spelling.value}" as ${spelling.type})`);
      if (lines[line] !== before) {
        files.set(d.file.fileName, lines.join("\n"));
        patched = true;
      }
    }
    if (!patched) {
      return diagnostics.map((d) => {
        const where = d.file ? `${d.file.text.split("\n")[0]} line ${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    }
  }
  throw new Error("sdk-types: enum spellings did not settle in 20 rounds");
}
