import { CHART_FOLDER } from "../../model/conventions.js";
import { validationRule } from "../validation-rule.js";

/**
 * `default_environment` names the one environment of a manifest without `environments`; no
 * environment takes the name of the Helm chart's folder beside the environment folders
 * (`<out>/<service>/helm/`): the two outputs would share a folder.
 */
export const environmentDeclarations = validationRule({
  id: "environment-declarations",
  scope: "manifest",
  check({ manifest, report }) {
    if (manifest.default_environment !== undefined && Object.keys(manifest.environments ?? {}).length > 0) {
      report("DEFAULT_ENV_WITH_ENVIRONMENTS", ["default_environment"], {}, { target: "key" });
    }
    if (manifest.default_environment === CHART_FOLDER) report("RESERVED_ENVIRONMENT_NAME", ["default_environment"], { name: CHART_FOLDER });
    if (manifest.environments && CHART_FOLDER in manifest.environments) report("RESERVED_ENVIRONMENT_NAME", ["environments", CHART_FOLDER], { name: CHART_FOLDER }, { target: "key" });
  },
});
