/**
 * Checklist rules about settings the application enforces itself (CORS, rate limits, log level,
 * pool size, …) can only judge what berth tells the application. When `app_settings` keeps a
 * setting from it (`inject: false`, or the variable in `exclude`), nothing shows the application
 * enforces it: such a rule reports the setting as unverified (a finding no milder than a warning)
 * instead of passing or failing on a value the application never sees.
 */
import type { Severity } from "../diagnostics/diagnostic.js";
import type { AppSetting, Model } from "../model/model.js";
import type { Finding } from "./rule.js";

export interface AppEnforced {
  /** The variables the rule relies on, for its `why` (`CORS_ALLOWED_ORIGINS`). */
  variables: string;
  /** The manifest fields (`AppSetting.from`) this service's verdict relies on. */
  fields(m: Model): string[];
}

/** The facts of an unverified finding. */
export type UnverifiedParams = { unverified: true; variables: string; fields: string; by: "inject" | "exclude" };

export function isUnverified(params: object): params is UnverifiedParams {
  return (params as { unverified?: unknown }).unverified === true;
}

export function unverifiedMessage(p: UnverifiedParams): string {
  const cause = p.by === "inject" ? "app_settings.inject is false" : "app_settings.exclude leaves it out";
  return `unverified: the application is not told ${p.fields} (${p.variables} is not passed: ${cause}), so nothing here shows it enforces the setting`;
}

export function unverifiedAdvice(p: UnverifiedParams): string {
  return p.by === "inject"
    ? "Pass the settings (`app_settings.inject: true`, with `env_prefix`/`rename` for the names the application reads), or waive this rule with where the application's own configuration enforces it."
    : `Remove ${p.variables} from \`app_settings.exclude\` (or \`rename\` it to the name the application reads), or waive this rule with where the application's own configuration enforces it.`;
}

export function appEnforcedWhy(why: string, enforced: AppEnforced): string {
  return `${why} The application enforces this itself, from ${enforced.variables} (README "Application environment"); when \`app_settings\` does not pass it, the rule reports the setting as unverified rather than passing.`;
}

/** The settings this verdict relies on that do not reach the application, as findings (one per cause); none when every one reaches it. */
export function unverifiedFindings(m: Model, enforced: AppEnforced, severity: Severity): Finding[] {
  const relied = new Set(enforced.fields(m));
  const withheld = m.appSettings.settings.filter((s) => relied.has(s.from) && s.withheld);
  const mild: Severity = severity === "info" ? "info" : "warning";
  const byCause = new Map<string, AppSetting[]>();
  for (const s of withheld) {
    const key = s.withheld!.by === "inject" ? "inject" : `exclude:${s.withheld!.index}`;
    byCause.set(key, [...(byCause.get(key) ?? []), s]);
  }
  return [...byCause.values()].map((settings) => {
    const cause = settings[0]!.withheld!;
    const params: UnverifiedParams = {
      unverified: true,
      variables: settings.map((s) => s.setting).join(", "),
      fields: settings.map((s) => s.from).join(", "),
      by: cause.by,
    };
    return { path: cause.by === "inject" ? ["app_settings", "inject"] : ["app_settings", "exclude", cause.index], params, severity: mild };
  });
}
