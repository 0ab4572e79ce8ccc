/** Which series belong to the service: the selectors live in src/promql/ (the dashboard uses them too). */
export { APP_BY, appMatchers } from "../../src/promql/scope.js";
