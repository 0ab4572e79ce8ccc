import { checklistRule } from "../checklist-rule.js";
import { minimumReplicas } from "../rule.js";

export const jwtSecretByReference = checklistRule<{}>({
  id: "jwt-secret-by-reference",
  area: "auth",
  severity: "error",
  title: "Tokens are signed with a secret from a Secret",
  why: "A signing key in code or config can be read by anyone with the repository; it must be at least 32 random bytes from a Secret.",
  fix: "Set `auth.jwt_secret: { secret: <name>, key: <key> }` and keep 32+ random bytes there.",
  message: () => "auth declares no jwt_secret",
  check: (m) => (m.auth && m.auth.preset !== "none" ? (m.auth.jwtSecret ? [] : [{ path: ["auth"], params: {} }]) : undefined),
});

export const authPreset = checklistRule<{}>({
  id: "auth-preset",
  area: "auth",
  severity: "warning",
  title: "Exposed services authenticate",
  why: "A service reachable from outside without authentication is open to everyone who finds it.",
  fix: "Set `auth.preset: strict` (or `standard`), or waive this rule for a public endpoint.",
  message: () => "the exposed service has no user authentication",
  appEnforced: { variables: "`AUTH_PRESET`", fields: () => ["auth.preset"] },
  check: (m) => (m.expose ? (m.auth && m.auth.preset !== "none" ? [] : [{ path: m.auth ? ["auth", "preset"] : ["expose"], params: {} }]) : undefined),
});

export const bruteForce = checklistRule<{}>({
  id: "brute-force-protection",
  area: "auth",
  severity: "warning",
  title: "Repeated failed logins lock out",
  why: "Without a lockout, passwords can be guessed at the speed of the network.",
  fix: "Keep `auth.brute_force_protection.enabled: true`.",
  message: () => "brute-force protection is off",
  appEnforced: { variables: "`AUTH_BRUTE_FORCE_ENABLED` (with its attempts, window and lockout)", fields: () => ["auth.brute_force_protection.enabled", "auth.brute_force_protection.max_attempts", "auth.brute_force_protection.window", "auth.brute_force_protection.lockout"] },
  check: (m) => (m.auth && m.auth.preset !== "none" ? (m.auth.bruteForce.enabled ? [] : [{ path: ["auth", "brute_force_protection", "enabled"], params: {} }]) : undefined),
});

export const sharedSessions = checklistRule<{}>({
  id: "shared-session-store",
  area: "auth",
  severity: "error",
  title: "Sessions are shared between replicas",
  why: "In-memory sessions live in one pod: with several replicas users are logged out whenever a request lands elsewhere.",
  fix: "Set `auth.session_store: redis` (with the redis cache) or `database`.",
  message: () => "sessions are kept in memory with more than one replica",
  appEnforced: { variables: "`AUTH_SESSION_STORE`", fields: () => ["auth.session_store"] },
  check: (m) =>
    m.auth && m.auth.preset !== "none"
      ? m.auth.sessionStore === "memory" && Math.max(minimumReplicas(m), m.autoscaling?.maxReplicas ?? 0) > 1
        ? [{ path: ["auth", "session_store"], params: {} }]
        : []
      : undefined,
});
