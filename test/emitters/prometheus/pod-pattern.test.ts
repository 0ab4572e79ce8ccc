// The pods the restart and availability alerts (and the dashboard's pod panels) select, against the
// names Kubernetes really gives: the ReplicaSet's `<deployment>-<hash>` plus `-`, cut to 58 characters,
// plus 5 random ones (the API server's generateName), for every service name length.
import { describe, expect, it } from "vitest";
import { podPattern } from "../../../src/promql/scope.js";

/** Prometheus anchors a regex matcher: `^(?:re)$`. */
const matches = (pattern: string, pod: string) => new RegExp(`^(?:${pattern})$`).test(pod);
/** The API server's name generator: the base cut to 58 characters, then 5 random characters. */
const generated = (base: string, tail = "x7k2p") => base.slice(0, 58) + tail;
const nameOf = (length: number) => `svc-${"a".repeat(length - 4)}`;

describe("podPattern", () => {
  it("keeps the usual form for a short name", () => {
    expect(podPattern({ name: "orders-api" })).toBe("orders-api-[a-z0-9]+-[a-z0-9]{5}");
  });

  it("matches the Deployment's pods whatever the name's length, the hash's length 8 to 10", () => {
    for (let length = 5; length <= 63; length++) {
      const name = nameOf(length);
      for (const hash of ["5d8f7b9c", "7d9f8b6c5", "6b8f9d7c4d"]) {
        const pod = generated(`${name}-${hash}-`);
        expect(pod.length).toBeLessThanOrEqual(63);
        expect(matches(podPattern({ name }), pod), `${name} (${length}) / ${pod}`).toBe(true);
      }
    }
  });

  it("matches neither a CronJob run's pods nor CloudNativePG instances nor another service's pods", () => {
    for (let length = 5; length <= 50; length++) {
      const name = nameOf(length);
      const pattern = podPattern({ name });
      const cronjob = `${name}-report`.slice(0, 52);
      if (cronjob.length > name.length + 1) expect(matches(pattern, generated(`${cronjob}-29412345-`)), `${cronjob}`).toBe(false);
      expect(matches(pattern, `${name}-db-1`)).toBe(false);
      // Another service named `<name>-worker`, while its own pods' names are not cut (cut, `<name>-worker-<5>` reads like a Job's pod).
      const worker = `${name}-worker-6b8f9d7c4d-`;
      if (worker.length <= 58) expect(matches(pattern, generated(worker)), `${name}-worker`).toBe(false);
    }
  });
});
