import { checklistRule } from "../checklist-rule.js";
import { isProduction } from "../rule.js";
import { formatDuration } from "../../model/units.js";

export const backupForState = checklistRule<{ uncovered?: string; notes?: string }>({
  id: "backup-for-state",
  area: "backup",
  severity: "error",
  title: "Stateful services are backed up",
  why: "A database or persistent volume without backups is one mistake away from permanent loss. A backup block that takes only the Kubernetes objects (a volume's data left out, a database no schedule covers) does not back the state up.",
  fix: "Add a `backup` block with `schedule`, `retention`, `storage`, `rpo` and `rto`.",
  message: (p) => (p.uncovered ? `the backups do not take the service's state: ${p.uncovered}` : "the service keeps state but has no backup"),
  advice: (p) => (p.notes ? `${p.notes[0]!.toUpperCase()}${p.notes.slice(1)}.` : undefined),
  check: (m) => {
    const stateful = (m.database && m.database.engine !== "sqlite") || m.volumes.some((v) => v.persistent);
    if (!stateful || !isProduction(m)) return undefined;
    if (!m.backup) return [{ path: ["backup"], params: {} }];
    // The data the recovery plan finds nothing berth generates backing up.
    const uncovered = (m.recovery?.assets ?? []).filter((a) => a.kind === "data" && m.recovery!.uncovered.includes(a.asset));
    return uncovered.length
      ? [{ path: ["backup"], params: { uncovered: uncovered.map((a) => a.asset).join(", "), notes: [...new Set(uncovered.map((a) => a.note))].join("; ") } }]
      : [];
  },
});

export const recoveryTargets = checklistRule<{ reason: "no-rpo" | "no-rto" }>({
  id: "recovery-targets",
  area: "backup",
  severity: "warning",
  title: "Backups state their recovery targets",
  why: "Without an RPO and an RTO nobody can tell whether the schedule and retention are good enough.",
  fix: "Declare `backup.rpo` and `backup.rto`.",
  message: (p) => (p.reason === "no-rpo" ? "no RPO declared" : "no RTO declared"),
  check: (m) => {
    if (!m.backup) return undefined;
    const out: Array<{ path: string[]; params: { reason: "no-rpo" | "no-rto" } }> = [];
    if (m.backup.rpoSeconds === undefined) out.push({ path: ["backup"], params: { reason: "no-rpo" } });
    if (m.backup.rtoSeconds === undefined) out.push({ path: ["backup"], params: { reason: "no-rto" } });
    return out;
  },
});

export const restoreDrillCurrent = checklistRule<{ last: string; due: string; asOf: string; cadence: string }>({
  id: "restore-drill-current",
  area: "backup",
  severity: "error",
  title: "The last restore drill is within its cadence",
  why: "A drill proves the RTO only while its backups, runbook and people are the current ones: a drill older than its cadence proves an old system.",
  fix: "Run a restore drill, then record it in `backup.drills.last` (and `evidence`, `measured_rto`).",
  message: (p) => `the last restore drill (${p.last}) is overdue: its ${p.cadence} cadence ran out on ${p.due}, before ${p.asOf}`,
  // Judged only with an as-of date (berth lint): compile's checklist never reads the clock.
  check: (m, ctx) => {
    const drills = m.backup?.drills;
    if (!drills?.due || !ctx.asOf) return undefined;
    if (drills.due >= ctx.asOf) return [];
    return [
      {
        path: ["backup", "drills", "last"],
        params: { last: drills.last!, due: drills.due, asOf: ctx.asOf, cadence: formatDuration(drills.cadenceSeconds) },
        ...(isProduction(m) ? {} : { severity: "warning" as const }),
      },
    ];
  },
});
