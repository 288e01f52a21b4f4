import * as assert from "node:assert/strict";
import { enforceStrictMtls } from "../../../../../../policypack/policies/transport/kubernetes/istio/enforceStrictMtls";
import { checkStack, unknown, urn } from "../../../../harness";

const TYPE = "kubernetes:security.istio.io/v1:PeerAuthentication";
const pa = (name: string, spec: Record<string, any>, namespace = "crm-sync", type = TYPE) => ({
    type,
    name,
    props: {
        apiVersion: "security.istio.io/v1",
        kind: "PeerAuthentication",
        metadata: { name: "default", namespace },
        spec,
    },
});
const compliant = pa("crm-sync-strict-mtls", { mtls: { mode: "STRICT" } });

describe("kubernetes-istio-peerauthentication-enforce-strict-mtls", () => {
    it("accepts a STRICT namespace-wide policy", async () => {
        const out = await checkStack(enforceStrictMtls, [compliant]);
        assert.deepEqual(out.violations, []);
    });

    it("accepts a STRICT policy with a STRICT portLevelMtls override", async () => {
        const out = await checkStack(enforceStrictMtls, [
            pa("p", { mtls: { mode: "STRICT" }, portLevelMtls: { "8080": { mode: "STRICT" } } }),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("rejects PERMISSIVE and names the policy, namespace and mode", async () => {
        const out = await checkStack(enforceStrictMtls, [
            pa("p", { mtls: { mode: "PERMISSIVE" } }),
        ]);
        assert.deepEqual(out.violations, [
            'PeerAuthentication "default" in namespace "crm-sync" sets mTLS mode "PERMISSIVE", which should be "STRICT" so plaintext connections to workloads handling personal data are refused; set `spec.mtls.mode: STRICT` (MeshNamespace does).',
        ]);
        assert.deepEqual(out.urns, [urn(TYPE, "p")]);
    });

    it("rejects DISABLE in the v1beta1 API too", async () => {
        const out = await checkStack(enforceStrictMtls, [
            pa(
                "p",
                { mtls: { mode: "DISABLE" } },
                "crm-sync",
                "kubernetes:security.istio.io/v1beta1:PeerAuthentication",
            ),
        ]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /sets mTLS mode "DISABLE"/);
    });

    it("rejects a PERMISSIVE portLevelMtls override under a STRICT policy and names the port", async () => {
        const out = await checkStack(enforceStrictMtls, [
            pa("p", {
                mtls: { mode: "STRICT" },
                portLevelMtls: { "8080": { mode: "PERMISSIVE" }, "9090": {} },
            }),
        ]);
        assert.deepEqual(out.violations, [
            'PeerAuthentication "default" in namespace "crm-sync" sets mTLS mode "PERMISSIVE" for port "8080" in `portLevelMtls`, which should be "STRICT" so that port does not accept plaintext; set it to STRICT or remove the override.',
        ]);
    });

    it("rejects a policy that leaves the mode UNSET with no STRICT parent in the stack", async () => {
        const out = await checkStack(enforceStrictMtls, [pa("p", {})]);
        assert.deepEqual(out.violations, [
            'PeerAuthentication "default" in namespace "crm-sync" leaves the mTLS mode UNSET and no STRICT parent policy in the stack covers it, so it should set "STRICT" instead of inheriting PERMISSIVE; set `spec.mtls.mode: STRICT` (MeshNamespace does).',
        ]);
    });

    it("accepts UNSET under a STRICT mesh-wide policy and a workload policy UNSET under a STRICT namespace policy", async () => {
        const out = await checkStack(enforceStrictMtls, [
            pa("mesh", { mtls: { mode: "STRICT" } }, "istio-system"),
            pa("ns", {}, "other"),
            compliant,
            pa("workload", { selector: { matchLabels: { app: "sync" } }, mtls: { mode: "UNSET" } }),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("rejects a workload policy UNSET under a PERMISSIVE namespace policy", async () => {
        const out = await checkStack(enforceStrictMtls, [
            pa("mesh", { mtls: { mode: "STRICT" } }, "istio-system"),
            pa("ns", { mtls: { mode: "PERMISSIVE" } }),
            pa("workload", { selector: { matchLabels: { app: "sync" } } }),
        ]);
        assert.equal(out.violations.length, 2);
        assert.match(out.violations[1], /leaves the mTLS mode UNSET/);
    });

    it("accepts UNSET when config says the mesh-wide policy is STRICT outside the stack", async () => {
        const out = await checkStack(enforceStrictMtls, [pa("p", {})], { assumeMeshStrict: true });
        assert.deepEqual(out.violations, []);
    });

    it("reports an unrecognised mode instead of passing it", async () => {
        const out = await checkStack(enforceStrictMtls, [pa("p", { mtls: { mode: "STRICTEST" } })]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /"STRICTEST"/);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkStack(enforceStrictMtls, [
            {
                type: TYPE,
                name: "p",
                props: { metadata: 3, spec: { mtls: "STRICT", portLevelMtls: "x" } },
            },
        ]);
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /PeerAuthentication "p" in namespace "default" leaves the mTLS mode UNSET/,
        );
    });

    it("leaves a mode that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkStack(enforceStrictMtls, [
            pa("p", { mtls: { mode: unknown.string } }),
        ]);
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /mode/);
    });

    it("ignores stacks without PeerAuthentications", async () => {
        const out = await checkStack(enforceStrictMtls, [
            { type: "kubernetes:core/v1:Namespace", props: {} },
        ]);
        assert.deepEqual(out.violations, []);
    });
});
