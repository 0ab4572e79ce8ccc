// Mutants of a generated rules file: each alert's threshold moved down (halved; a small count, which
// halving may not change for whole-number values, one less; 0 becomes -1) and up (five times; 0 becomes 1). For a burn-rate alert the threshold is its burn rates (every `(rate * budget)`).
// The shipped tests must fail on every mutant (promtool.test.ts); an alert without a threshold is left out.
import { parse, stringify } from "yaml";

export interface Mutant {
  alert: string;
  change: string;
  rulesText: string;
}

type Doc = { groups: Array<{ rules: Array<{ alert?: string; expr: string }> }> };

const BURN = /\(([0-9.e+-]+) \* ([0-9.e+-]+)\)/g;
const TRAILING = /([<>]=?) *([0-9.e+-]+)\s*$/;
const isCount = (n: number) => Number.isInteger(n) && n > 0 && n <= 10;
const moved = (n: number, up: boolean) => (n === 0 ? (up ? 1 : -1) : up ? n * 5 : isCount(n) ? n - 1 : n / 2);

/** The expression with its threshold moved, or undefined when it has none. */
export function mutateExpr(expr: string, up: boolean): string | undefined {
  if (BURN.test(expr)) return expr.replace(BURN, (_, rate: string, budget: string) => `(${moved(Number(rate), up)} * ${budget})`);
  const m = TRAILING.exec(expr);
  if (!m) return undefined;
  return expr.slice(0, m.index) + `${m[1]} ${moved(Number(m[2]), up)}`;
}

export function mutations(rulesText: string): Mutant[] {
  const out: Mutant[] = [];
  const doc = parse(rulesText) as Doc;
  doc.groups.forEach((g, gi) =>
    g.rules.forEach((r, ri) => {
      if (!r.alert) return;
      for (const up of [false, true]) {
        const expr = mutateExpr(r.expr, up);
        if (expr === undefined) continue;
        const copy = structuredClone(doc);
        copy.groups[gi]!.rules[ri]!.expr = expr;
        out.push({ alert: r.alert, change: up ? "threshold up" : "threshold down", rulesText: stringify(copy) });
      }
    }),
  );
  return out;
}
