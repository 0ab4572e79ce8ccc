/** PromQL text helpers: they live in src/promql/ (the dashboard builds queries with them too). */
export * from "../../src/promql/text.js";
