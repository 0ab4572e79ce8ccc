// package.json's `engines` names exactly the Node.js lines CI runs the suite on: the machine's own (20) and
// the ones .ci/run adds (BERTH_NODE_VERSIONS in test/support/install-tools.sh).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../support/tools.js";

it("engines lists the tested Node.js majors and the running Node satisfies it", () => {
  const engines = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).engines.node as string;
  const script = readFileSync(join(REPO_ROOT, "test", "support", "install-tools.sh"), "utf8");
  const extra = /BERTH_NODE_VERSIONS="\$\{BERTH_NODE_VERSIONS:-([^}]+)\}"/.exec(script)![1]!.trim().split(/\s+/);
  const tested = [20, ...extra.map((v) => Number(v.split(".")[0]))];
  const ranges = engines.split("||").map((r) => r.trim());
  expect(ranges.map((r) => Number(/^\^(\d+)\./.exec(r)?.[1]))).toEqual(tested);
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const range = ranges.find((r) => r.startsWith(`^${major}.`));
  expect(range, `node ${process.versions.node} is not in engines (${engines})`).toBeDefined();
  expect(minor).toBeGreaterThanOrEqual(Number(range!.split(".")[1]));
}, 10_000);
