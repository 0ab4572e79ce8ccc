import { validationRule } from "../validation-rule.js";

/** `default_environment` names the one environment of a manifest without `environments`. */
export const environmentDeclarations = validationRule({
  id: "environment-declarations",
  scope: "manifest",
  check({ manifest, report }) {
    if (manifest.default_environment !== undefined && Object.keys(manifest.environments ?? {}).length > 0) {
      report("DEFAULT_ENV_WITH_ENVIRONMENTS", ["default_environment"], {}, { target: "key" });
    }
  },
});
