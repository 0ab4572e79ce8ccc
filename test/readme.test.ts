import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderReference } from "../src/schema/render-reference.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("starts with the install-and-demo command and the test command", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(firstBlock).toMatch(/^npm ci && npm run demo/m);
    expect(firstBlock).toMatch(/^npm test/m);
    const scripts = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts;
    expect(scripts.demo).toMatch(/node bin\/berth\.mjs compile /);
    expect(scripts.test).toMatch(/vitest run/);
  });

  it("holds the manifest reference generated from the current schema (run `npm run docs` if this fails)", () => {
    const start = readme.indexOf("<!-- reference:start");
    const body = readme.slice(readme.indexOf("-->", start) + 4, readme.indexOf("<!-- reference:end -->"));
    expect(body).toBe(renderReference());
  });
});
