import * as assert from "node:assert/strict";
import { disallowMeshBypass } from "../../../../../../policypack/policies/transport/kubernetes/core/disallowMeshBypass";
import { checkResource, unknown } from "../../../../harness";

const CRONJOB = "kubernetes:batch/v1:CronJob";
const cronJob = (metadata: Record<string, any>) => ({
    metadata: { namespace: "crm-sync" },
    spec: {
        schedule: "0 2 * * *",
        jobTemplate: {
            spec: {
                template: { metadata, spec: { containers: [{ name: "sync", image: "x:1" }] } },
            },
        },
    },
});
const compliant = cronJob({
    annotations: { "sidecar.istio.io/inject": "true", "vault.hashicorp.com/agent-inject": "true" },
});

describe("kubernetes-core-podtemplate-disallow-mesh-bypass", () => {
    it("accepts a CronJob whose pod template stays in the mesh", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: CRONJOB,
            name: "sync",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it('rejects sidecar.istio.io/inject "false" inside a CronJob\'s jobTemplate', async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: CRONJOB,
            name: "sync",
            props: cronJob({ annotations: { "sidecar.istio.io/inject": "false" } }),
        });
        assert.deepEqual(out.violations, [
            'CronJob "sync" pod template (`spec.jobTemplate.spec.template`) opts out of mesh sidecar injection with annotation "sidecar.istio.io/inject: false", so its traffic leaves the pod without mTLS; it should stay in the mesh: remove the opt-out (SecureSyncJob does).',
        ]);
    });

    it("rejects linkerd.io/inject disabled as a label on a Deployment's template", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: "kubernetes:apps/v1:Deployment",
            name: "api",
            props: {
                spec: {
                    template: {
                        metadata: { labels: { "linkerd.io/inject": "disabled" } },
                        spec: {},
                    },
                },
            },
        });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^Deployment "api" pod template \(`spec.template`\) opts out .* label "linkerd.io\/inject: disabled"/,
        );
    });

    it("rejects a port-excluding annotation on a bare Pod and names the ports", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: "kubernetes:core/v1:Pod",
            name: "p",
            props: {
                metadata: {
                    annotations: { "traffic.sidecar.istio.io/excludeOutboundPorts": "5432,6379" },
                },
                spec: {},
            },
        });
        assert.deepEqual(out.violations, [
            'Pod "p" excludes ports "5432,6379" from the sidecar with annotation "traffic.sidecar.istio.io/excludeOutboundPorts", so traffic on them bypasses mTLS; every port should go through the mesh: remove the annotation (SecureSyncJob does not set it).',
        ]);
    });

    it("reports each offence once: an opt-out and two Linkerd skip annotations on a Job", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: "kubernetes:batch/v1:Job",
            name: "j",
            props: {
                spec: {
                    template: {
                        metadata: {
                            annotations: {
                                "linkerd.io/inject": "disabled",
                                "config.linkerd.io/skip-outbound-ports": "443",
                                "config.linkerd.io/skip-inbound-ports": "8080",
                            },
                        },
                    },
                },
            },
        });
        assert.equal(out.violations.length, 3);
    });

    it("accepts an empty exclude annotation, which excludes nothing", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: CRONJOB,
            name: "sync",
            props: cronJob({ annotations: { "traffic.sidecar.istio.io/excludeInboundPorts": "" } }),
        });
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed metadata without throwing", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: CRONJOB,
            name: "sync",
            props: cronJob({ annotations: ["x"], labels: 3 }),
        });
        assert.deepEqual(out.violations, []);
        const none = await checkResource(disallowMeshBypass, {
            type: CRONJOB,
            name: "sync",
            props: { spec: "x" },
        });
        assert.deepEqual(none.violations, []);
    });

    it("leaves an annotation that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: CRONJOB,
            name: "sync",
            props: cronJob({ annotations: { "sidecar.istio.io/inject": unknown.string } }),
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /annotations/);
    });

    it("ignores resources that are not workloads", async () => {
        const out = await checkResource(disallowMeshBypass, {
            type: "kubernetes:core/v1:Namespace",
            props: { metadata: { annotations: { "sidecar.istio.io/inject": "false" } } },
        });
        assert.deepEqual(out.violations, []);
    });
});
