import type { Model } from "../../src/model/model.js";
import { toYaml } from "../../src/output/yaml.js";

/**
 * The chart's version. Fixed, so Chart.yaml does not change when the image does (an image bump is
 * a values change): the chart is installed from its committed folder and versioned by Git. The
 * application's version is the image in each values file (and the `app.kubernetes.io/version`
 * label); to publish the chart to a repository, `helm package --version … --app-version …`.
 */
export const CHART_VERSION = "0.1.0";

/** Chart.yaml, from what every environment shares: the service's name, description and owner. */
export function chartYaml(m: Model, header: string): string {
  return (
    header +
    toYaml({
      apiVersion: "v2",
      name: m.name,
      description: m.identity.description ?? `${m.name}, compiled by berth.`,
      type: "application",
      version: CHART_VERSION,
      ...(m.identity.owner ? { maintainers: [{ name: m.identity.team, email: ownerEmail(m.identity.owner) }] } : {}),
    })
  );
}

/** An address as `helm lint` accepts one (its validator's rule, a little stricter): local part, `@`, dotted domain. */
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * The maintainer's email, when the owner is one (`oncall@example.com`, or `Name <oncall@example.com>`).
 * The owner is free text ("person, handle or mailing list"): a handle such as `@payments` in the email
 * field fails `helm lint` (invalid email), so anything else gives no email, the team's name alone.
 */
function ownerEmail(owner: string): string | undefined {
  const address = /<([^<>]*)>\s*$/.exec(owner)?.[1] ?? owner.trim();
  return EMAIL.test(address) ? address : undefined;
}
