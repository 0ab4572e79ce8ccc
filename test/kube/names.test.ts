import { describe, expect, it } from "vitest";
import { commonAnnotations, commonLabels, metadata, selectorLabels, serviceLabel } from "../../src/kube/names.js";
import { base, modelOf } from "./model.js";

const withImage = (image: string) => base().replace("image: ghcr.io/acme/orders-api:2.1.0", `image: ${image}`);
const DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

describe("selector and service labels", () => {
  it("select by name and instance; the service label is the name alone", async () => {
    const m = await modelOf(base());
    expect(selectorLabels(m)).toEqual({ "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/instance": "orders-api" });
    expect(serviceLabel(m)).toEqual({ "app.kubernetes.io/name": "orders-api" });
  });

  it("never change with the image version", async () => {
    expect(selectorLabels(await modelOf(withImage("ghcr.io/acme/orders-api:9.9.9")))).toEqual(selectorLabels(await modelOf(base())));
  });
});

describe("commonLabels", () => {
  it("carry the version only on what runs the image, so an image bump changes nothing else", async () => {
    const m = await modelOf(base());
    expect(commonLabels(m)).not.toHaveProperty(["app.kubernetes.io/version"]);
    expect(commonLabels(m, "server", m.name, true)["app.kubernetes.io/version"]).toBe("2.1.0");
  });

  it("are the recommended labels plus team and environment, in a fixed order", async () => {
    const m = await modelOf(base());
    const labels = commonLabels(m, "server", m.name, true);
    expect(labels).toEqual({
      "app.kubernetes.io/name": "orders-api",
      "app.kubernetes.io/instance": "orders-api",
      "app.kubernetes.io/version": "2.1.0",
      "app.kubernetes.io/component": "server",
      "app.kubernetes.io/managed-by": "berth",
      "berth.dev/team": "payments",
      "berth.dev/environment": "production",
    });
    expect(Object.keys(labels)[0]).toBe("app.kubernetes.io/name");
  });

  it("take component and instance for jobs", async () => {
    const labels = commonLabels(await modelOf(base()), "migration", "orders-api-migrate");
    expect(labels["app.kubernetes.io/component"]).toBe("migration");
    expect(labels["app.kubernetes.io/instance"]).toBe("orders-api-migrate");
  });

  it("version a digest-only image by the digest's first 12 hex digits, and prefer the tag", async () => {
    const versioned = async (image: string) => { const m = await modelOf(withImage(image)); return commonLabels(m, "server", m.name, true); };
    expect((await versioned(`ghcr.io/acme/orders-api@${DIGEST}`))["app.kubernetes.io/version"]).toBe("0123456789ab");
    expect((await versioned(`ghcr.io/acme/orders-api:3.0.0@${DIGEST}`))["app.kubernetes.io/version"]).toBe("3.0.0");
  });

  it("leave the version out when the tag is no valid label value, or there is no tag", async () => {
    for (const image of ["ghcr.io/acme/orders-api:_build", "ghcr.io/acme/orders-api"]) {
      const m = await modelOf(withImage(image));
      expect(commonLabels(m, "server", m.name, true)).not.toHaveProperty(["app.kubernetes.io/version"]);
    }
  });

  it("add part-of and the manifest's labels, and follow the environment", async () => {
    const text = base("part_of: checkout\nlabels: { cost-center: cc-1 }\nenvironments:\n  staging: { tier: staging, labels: { cost-center: cc-2 } }\n");
    const labels = commonLabels(await modelOf(text));
    expect(labels["app.kubernetes.io/part-of"]).toBe("checkout");
    expect(labels["cost-center"]).toBe("cc-2");
    expect(labels["berth.dev/environment"]).toBe("staging");
  });
});

describe("commonAnnotations and metadata", () => {
  it("have no annotations unless the manifest gives owner, description or annotations", async () => {
    const m = await modelOf(base());
    expect(commonAnnotations(m)).toBeUndefined();
    expect(metadata(m, "ConfigMap", "x")).toEqual({ name: "x", namespace: "orders-api", labels: commonLabels(m) });
  });

  it("annotate owner and description, then the manifest's annotations, and merge an object's own", async () => {
    const m = await modelOf(base("owner: oncall@example.com\ndescription: Takes orders.\nannotations: { acme.com/tier: gold }\nnamespace: shop\n"));
    expect(commonAnnotations(m)).toEqual({ "berth.dev/owner": "oncall@example.com", "berth.dev/description": "Takes orders.", "acme.com/tier": "gold" });
    const meta = metadata(m, "Job", "x", { component: "migration", annotations: { hook: "PreSync" } });
    expect(meta.namespace).toBe("shop");
    expect(meta.labels["app.kubernetes.io/component"]).toBe("migration");
    expect(meta.annotations).toEqual({ "berth.dev/owner": "oncall@example.com", "berth.dev/description": "Takes orders.", "acme.com/tier": "gold", hook: "PreSync" });
  });
});
