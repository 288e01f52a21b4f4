import * as assert from "node:assert/strict";
import { enableMeshInjection } from "../../../../../../policypack/policies/transport/kubernetes/core/enableMeshInjection";
import { checkStack, unknown, urn } from "../../../../harness";

const NS = "kubernetes:core/v1:Namespace";
const CRONJOB = "kubernetes:batch/v1:CronJob";
const namespace = (
    labels: Record<string, any> = { "istio-injection": "enabled" },
    annotations?: Record<string, any>,
) => ({
    type: NS,
    name: "crm-sync",
    props: { metadata: { name: "crm-sync", labels, ...(annotations ? { annotations } : {}) } },
});
const job = (name = "crm-erp-sync", ns: unknown = "crm-sync") => ({
    type: CRONJOB,
    name,
    props: {
        metadata: { namespace: ns },
        spec: { jobTemplate: { spec: { template: { spec: {} } } } },
    },
});

describe("kubernetes-core-namespace-enable-mesh-injection", () => {
    it("accepts a namespace labelled istio-injection: enabled that holds a CronJob", async () => {
        const out = await checkStack(enableMeshInjection, [namespace(), job()]);
        assert.deepEqual(out.violations, []);
    });

    it("accepts an istio.io/rev label and a linkerd inject annotation", async () => {
        const rev = await checkStack(enableMeshInjection, [
            namespace({ "istio.io/rev": "1-22" }),
            job(),
        ]);
        assert.deepEqual(rev.violations, []);
        const linkerd = await checkStack(enableMeshInjection, [
            namespace({}, { "linkerd.io/inject": "enabled" }),
            job(),
        ]);
        assert.deepEqual(linkerd.violations, []);
    });

    it("rejects a namespace without injection that holds workloads and names them", async () => {
        const out = await checkStack(enableMeshInjection, [
            namespace({ team: "crm" }),
            job(),
            job("second"),
        ]);
        assert.deepEqual(out.violations, [
            'Namespace "crm-sync" holds workloads (CronJob "crm-erp-sync", CronJob "second") but does not enable mesh sidecar injection, so they run without mTLS; it should enable injection: label it "istio-injection: enabled" (MeshNamespace does).',
        ]);
        assert.deepEqual(out.urns, [urn(NS, "crm-sync")]);
    });

    it("rejects a namespace that disables injection", async () => {
        const out = await checkStack(enableMeshInjection, [
            namespace({ "istio-injection": "disabled" }),
            job(),
        ]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /but disables mesh sidecar injection/);
    });

    it("finds the workloads of an auto-named namespace through their dependencies", async () => {
        const ns = { type: NS, name: "auto", props: { metadata: {} } };
        const out = await checkStack(enableMeshInjection, [
            ns,
            { ...job("w", "auto-1a2b3c"), dependencies: [urn(NS, "auto")] },
        ]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /^Namespace "auto" holds workloads \(CronJob "w"\)/);
    });

    it("accepts an empty namespace and workloads in namespaces the stack does not create", async () => {
        const out = await checkStack(enableMeshInjection, [
            namespace({}),
            job("elsewhere", "other"),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkStack(enableMeshInjection, [
            { type: NS, name: "crm-sync", props: { metadata: { name: "crm-sync", labels: "x" } } },
            job("w", 42),
            { type: CRONJOB, name: "junk", props: { metadata: "x" } },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("leaves a label that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkStack(enableMeshInjection, [
            namespace({ "istio-injection": unknown.string }),
            job(),
        ]);
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /istio-injection/);
    });
});
