import { describe, expect, it } from "vitest";
import { podSpec } from "../../src/kube/pod-spec.js";
import { BASE_YAML } from "../helpers.js";
import { base, modelOf } from "./model.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const serverPod = async (text: string): Promise<any> => podSpec(await modelOf(text), { server: true });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const jobPod = async (text: string, command = ["./migrate"]): Promise<any> => podSpec(await modelOf(text), { server: false, command, restartPolicy: "Never" });

describe("podSpec: security", () => {
  it("applies the restricted defaults to pod and container", async () => {
    const pod = await serverPod(base());
    expect(pod.serviceAccountName).toBe("orders-api");
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("follows the manifest's departures: user ids, writable root, added capabilities, seccomp, token", async () => {
    const pod = await serverPod(
      base(
        "security:\n  run_as_user: 2000\n  run_as_group: 3000\n  fs_group: 4000\n  read_only_root_filesystem: false\n" +
          "  add_capabilities: [NET_BIND_SERVICE, CHOWN]\n  seccomp: Unconfined\n  service_account_token: true\n",
      ),
    );
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000, fsGroup: 4000, seccompProfile: { type: "Unconfined" } });
    const sc = pod.containers[0].securityContext;
    expect(sc.readOnlyRootFilesystem).toBe(false);
    expect(sc.capabilities).toEqual({ drop: ["ALL"], add: ["CHOWN", "NET_BIND_SERVICE"] });
    expect(sc.seccompProfile).toEqual({ type: "Unconfined" });
    // Never relaxed, whatever the manifest says.
    expect(sc.allowPrivilegeEscalation).toBe(false);
    expect(sc.runAsNonRoot).toBe(true);
  });
});

describe("podSpec: container", () => {
  it("pulls the image always and lists the server's ports with their protocol", async () => {
    const c = (await serverPod(base())).containers[0];
    expect(c.name).toBe("orders-api");
    expect(c.image).toBe("ghcr.io/acme/orders-api:2.1.0");
    expect(c.imagePullPolicy).toBe("Always");
    expect(c.ports).toEqual([
      { name: "http", containerPort: 8080, protocol: "TCP" },
      { name: "metrics", containerPort: 9090, protocol: "TCP" },
    ]);
  });

  it("uses the manifest's command and args on the server; a job's command replaces both", async () => {
    const text = base("command: [/app/server]\nargs: [--verbose]\n");
    const server = (await serverPod(text)).containers[0];
    expect(server.command).toEqual(["/app/server"]);
    expect(server.args).toEqual(["--verbose"]);
    const job = (await jobPod(text, ["/app/migrate", "up"])).containers[0];
    expect(job.command).toEqual(["/app/migrate", "up"]);
    expect(job).not.toHaveProperty("args");
  });

  it("has declared resources, or the conservative defaults", async () => {
    const declared = (await serverPod(base('resources:\n  requests: { cpu: 250m, memory: 384Mi }\n  limits: { cpu: "1", memory: 768Mi }\n'))).containers[0];
    expect(declared.resources).toEqual({ requests: { cpu: "250m", memory: "384Mi" }, limits: { cpu: "1", memory: "768Mi" } });
    const defaults = (await serverPod(base())).containers[0];
    expect(defaults.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
  });

  it("reads plain configuration from the env ConfigMap and each secret by reference", async () => {
    const c = (await serverPod(base("env: { FEATURE: on }\nsecrets:\n  TOKEN: { secret: api-client, key: token }\n"))).containers[0];
    expect(c.envFrom).toEqual([{ configMapRef: { name: "orders-api-env" } }]);
    expect(c.env).toEqual([{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "api-client", key: "token" } } }]);
  });

  it("has no env list when no secret is referenced", async () => {
    const c = (await serverPod(base())).containers[0];
    expect(c).not.toHaveProperty("env");
  });
});

describe("podSpec: probes", () => {
  it("maps each declared probe to its handler, on the named port, with the default timings", async () => {
    const c = (await serverPod(base())).containers[0];
    const timings = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 };
    expect(c.livenessProbe).toEqual({ httpGet: { path: "/healthz", port: "http", scheme: "HTTP" }, ...timings });
    expect(c.readinessProbe).toEqual({ httpGet: { path: "/readyz", port: "http", scheme: "HTTP" }, ...timings });
    expect(c).not.toHaveProperty("startupProbe");
  });

  it("maps tcp, grpc (to the port's number) and exec probes, with declared timings", async () => {
    const text = BASE_YAML.replace(
      /health:[\s\S]*$/,
      "health:\n" +
        "  liveness: { tcp: true, port: metrics, period: 20s, timeout: 3s, initial_delay: 5s, failure_threshold: 6 }\n" +
        "  readiness: { grpc: orders.v1.Orders, port: http }\n" +
        "  startup: { exec: [/bin/ready, --now], failure_threshold: 30 }\n",
    );
    const c = (await serverPod(text)).containers[0];
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: "metrics" }, initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 6, successThreshold: 1 });
    expect(c.readinessProbe.grpc).toEqual({ port: 8080, service: "orders.v1.Orders" });
    expect(c.startupProbe.exec).toEqual({ command: ["/bin/ready", "--now"] });
    expect(c.startupProbe.failureThreshold).toBe(30);
  });

  it("defaults a probe's port to the exposed one", async () => {
    const text = BASE_YAML.replace("{ name: metrics, port: 9090 }", "{ name: metrics, port: 9090, expose: true }")
      .replace(/health:[\s\S]*$/, "health:\n  liveness: { path: /healthz }\n  readiness: { path: /readyz, scheme: HTTPS }\n")
      .concat("expose:\n  hosts: [a.example.com]\n  ingress: { class: nginx }\n");
    const c = (await serverPod(text)).containers[0];
    expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "metrics", scheme: "HTTP" });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "metrics", scheme: "HTTPS" });
  });

  it("gives jobs no probes, ports, lifecycle, grace period or spread, and sets their restart policy", async () => {
    const pod = await jobPod(base("priority_class: batch\n"));
    const c = pod.containers[0];
    for (const key of ["livenessProbe", "readinessProbe", "ports", "lifecycle"]) expect(c).not.toHaveProperty(key);
    expect(pod).not.toHaveProperty("terminationGracePeriodSeconds");
    expect(pod).not.toHaveProperty("topologySpreadConstraints");
    expect(pod.restartPolicy).toBe("Never");
    expect(pod.priorityClassName).toBe("batch");
  });
});

describe("podSpec: shutdown", () => {
  it("waits twice what stopping needs and drains with a preStop sleep by default (30s + 5s → 70s, sleep 5)", async () => {
    const pod = await serverPod(base());
    expect(pod.terminationGracePeriodSeconds).toBe(70);
    expect(pod.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
  });

  it("rounds a fractional drain up and takes a declared grace period as is", async () => {
    const pod = await serverPod(base("shutdown: { timeout: 10s, drain: 1500ms, grace_period: 45s }\n"));
    expect(pod.terminationGracePeriodSeconds).toBe(45);
    expect(pod.containers[0].lifecycle.preStop.sleep.seconds).toBe(2);
  });

  it("has no preStop hook when drain is zero", async () => {
    const pod = await serverPod(base("shutdown: { timeout: 10s, drain: 0s }\n"));
    expect(pod.containers[0]).not.toHaveProperty("lifecycle");
    expect(pod.terminationGracePeriodSeconds).toBe(20);
  });
});

describe("podSpec: scheduling", () => {
  const spreadFor = (zone: string, host: string) => [
    { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: zone, labelSelector: { matchLabels: { "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/instance": "orders-api" } } },
    { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: host, labelSelector: { matchLabels: { "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/instance": "orders-api" } } },
  ];

  it("spreads over zones and hosts, preferred by default", async () => {
    expect((await serverPod(base())).topologySpreadConstraints).toEqual(spreadFor("ScheduleAnyway", "ScheduleAnyway"));
  });

  it("makes a required spread DoNotSchedule, drops a `none` one, and uses max_skew", async () => {
    const pod = await serverPod(base("spread: { zones: required, hosts: none, max_skew: 2 }\n"));
    expect(pod.topologySpreadConstraints).toEqual([{ ...spreadFor("DoNotSchedule", "x")[0], maxSkew: 2 }]);
  });

  it("has no constraints at all when both are none", async () => {
    expect(await serverPod(base("spread: { zones: none, hosts: none }\n"))).not.toHaveProperty("topologySpreadConstraints");
  });

  it("sets priority class, node selector and tolerations only when declared (tolerations sorted, `for` in seconds)", async () => {
    const plain = await serverPod(base());
    for (const key of ["priorityClassName", "nodeSelector", "tolerations"]) expect(plain).not.toHaveProperty(key);
    const pod = await serverPod(
      base(
        "priority_class: business-critical\nnode_selector: { pool: general }\n" +
          "tolerations:\n  - { key: spot, operator: Exists, effect: NoExecute, for: 2m }\n  - { key: dedicated, value: api, effect: NoSchedule }\n",
      ),
    );
    expect(pod.priorityClassName).toBe("business-critical");
    expect(pod.nodeSelector).toEqual({ pool: "general" });
    expect(pod.tolerations).toEqual([
      { key: "dedicated", operator: "Equal", value: "api", effect: "NoSchedule" },
      { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 },
    ]);
  });
});

describe("podSpec: volumes", () => {
  it("backs each writable path with an emptyDir (/tmp by default)", async () => {
    const pod = await serverPod(base());
    expect(pod.volumes).toEqual([{ name: "writable-tmp", emptyDir: {} }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: "writable-tmp", mountPath: "/tmp" }]);
    const custom = await serverPod(base("security: { writable_paths: [/var/Cache/nginx, /tmp] }\n"));
    expect(custom.volumes.map((v: { name: string }) => v.name)).toEqual(["writable-tmp", "writable-var-cache-nginx"]);
  });

  it("has no volumes when nothing needs one", async () => {
    const pod = await serverPod(base("security: { writable_paths: [] }\n"));
    expect(pod).not.toHaveProperty("volumes");
    expect(pod.containers[0]).not.toHaveProperty("volumeMounts");
  });

  it("mounts inline config files from one ConfigMap and secret files from one volume per Secret", async () => {
    const pod = await serverPod(
      base(
        "security: { writable_paths: [] }\nconfig_files:\n" +
          "  - { path: /etc/app/app.yaml, content: 'a: 1' }\n" +
          "  - { path: /etc/app/tls/key.pem, secret: { secret: app-tls, key: tls.key } }\n" +
          "  - { path: /etc/app/tls/cert.pem, secret: { secret: app-tls, key: tls.crt } }\n",
      ),
    );
    expect(pod.volumes).toEqual([
      { name: "config-files", configMap: { name: "orders-api-files" } },
      { name: "secret-app-tls", secret: { secretName: "app-tls" } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: "config-files", mountPath: "/etc/app/app.yaml", subPath: "etc_app_app.yaml", readOnly: true },
      { name: "secret-app-tls", mountPath: "/etc/app/tls/cert.pem", subPath: "tls.crt", readOnly: true },
      { name: "secret-app-tls", mountPath: "/etc/app/tls/key.pem", subPath: "tls.key", readOnly: true },
    ]);
  });

  it("claims persistent volumes and gives scratch volumes a size limit", async () => {
    const pod = await serverPod(
      base("security: { writable_paths: [] }\nvolumes:\n  - { name: data, mount: /data, size: 10Gi }\n  - { name: scratch, mount: /scratch, size: 512Mi, persistent: false }\n"),
    );
    expect(pod.volumes).toEqual([
      { name: "volume-data", persistentVolumeClaim: { claimName: "orders-api-data" } },
      { name: "volume-scratch", emptyDir: { sizeLimit: "512Mi" } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: "volume-data", mountPath: "/data" },
      { name: "volume-scratch", mountPath: "/scratch" },
    ]);
  });

  // Different paths or names can flatten to one volume name; a pod that lists a name twice is rejected by the
  // API server, so src/model/pod-names.ts gives the later one a hashed suffix.
  it("gives distinct writable paths distinct volume names (/var/cache and /var-cache flatten alike)", async () => {
    const pod = await serverPod(base("security: { writable_paths: [/var/cache, /var-cache] }\n"));
    const names = pod.volumes.map((v: { name: string }) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives distinct Secrets distinct volume names (db.creds and db-creds flatten alike)", async () => {
    const pod = await serverPod(
      base("config_files:\n  - { path: /etc/a.pem, secret: { secret: db.creds, key: a } }\n  - { path: /etc/b.pem, secret: { secret: db-creds, key: b } }\n"),
    );
    const names = pod.volumes.map((v: { name: string }) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("config file keys", () => {
  it("flatten a path into a ConfigMap key the mount reads", async () => {
    const pod = await serverPod(base("config_files:\n  - { path: /etc/app/config.yaml, content: x }\n  - { path: /srv/my app/x, content: y }\n"));
    const mounts = pod.containers[0].volumeMounts.filter((v: { name: string }) => v.name === "config-files").map((v: { subPath: string }) => v.subPath);
    expect(mounts).toEqual(["etc_app_config.yaml", "srv_my_app_x"]);
  });
});
