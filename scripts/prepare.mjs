// npm's `prepare` (runs on `npm ci`/`npm install` in a checkout, on `npm pack`, and when npm installs berth
// from Git — as pre-commit does: `npm install -g git+file://…`).
//
// Building needs the dev dependencies (esbuild), and npm cannot be relied on to install them while it
// prepares a Git dependency: under `npm install -g` the nested install inherits `npm_config_global=true` and
// installs no dependencies at all (not even production ones). So berth's release tags carry the built dist/
// (scripts/release-tag.mjs), and here a checkout that has dist/ but no build tools uses it as it is.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

function canBuild() {
  try {
    for (const name of ["esbuild", "ajv", "handlebars"]) require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

if (canBuild()) {
  await import("./build.mjs");
} else if (existsSync(join(root, "dist", "berth.cjs"))) {
  console.log("berth: the build tools are not installed; using the prebuilt dist/ this release ships.");
} else {
  console.error(
    "berth: cannot build: the dev dependencies (esbuild) are not installed and this checkout has no prebuilt dist/.\n" +
      "  In a berth checkout run `npm ci`. To install berth from Git (pre-commit `rev:`), use a release tag\n" +
      "  (made by `npm run release-tag`), which carries dist/.",
  );
  process.exit(1);
}
