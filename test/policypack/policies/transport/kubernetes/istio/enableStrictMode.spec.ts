import * as assert from "node:assert/strict";
import { enableStrictMode } from "../../../../../../policypack/policies/transport/kubernetes/istio/enableStrictMode";
import { checkResource, unknown } from "../../../../harness";
import { remediate } from "../../../../remediate";

const TYPE = "kubernetes:security.istio.io/v1:PeerAuthentication";
function pa(spec: Record<string, any> = {}, metadata: Record<string, any> = {}) {
    return {
        apiVersion: "security.istio.io/v1",
        kind: "PeerAuthentication",
        metadata: { name: "default", namespace: "crm-sync", ...metadata },
        spec: { mtls: { mode: "STRICT" }, ...spec },
    };
}
const check = (props: Record<string, any>, type = TYPE) =>
    checkResource(enableStrictMode, { type, name: "crm-sync-mtls", props });

const PERMISSIVE_MESSAGE =
    'PeerAuthentication "default" in namespace "crm-sync" sets mTLS mode "PERMISSIVE", which should be "STRICT" so plaintext connections to workloads handling personal data are refused; set `spec.mtls.mode: STRICT` (this rule does at level `remediate`).';
const portMessage = (port: string) =>
    `PeerAuthentication "default" in namespace "crm-sync" sets mTLS mode "PERMISSIVE" for port "${port}" in \`portLevelMtls\`, which should be "STRICT" so that port does not accept plaintext; set it to STRICT (this rule does at level \`remediate\`).`;

describe("kubernetes-istio-peerauthentication-enable-strict-mode", () => {
    it("is advisory by default: the stack rule enforce-strict-mtls is the mandatory verdict", () => {
        assert.equal(enableStrictMode.enforcementLevel, "advisory");
    });

    it("accepts a STRICT policy with a STRICT portLevelMtls override", async () => {
        const out = await check(pa({ portLevelMtls: { "8080": { mode: "STRICT" } } }));
        assert.deepEqual(out.violations, []);
    });

    it("rejects a PERMISSIVE policy and names the policy, namespace and mode", async () => {
        const out = await check(pa({ mtls: { mode: "PERMISSIVE" } }));
        assert.deepEqual(out.violations, [PERMISSIVE_MESSAGE]);
    });

    it("rejects each PERMISSIVE portLevelMtls override under a STRICT policy and names the port", async () => {
        const out = await check(
            pa({
                portLevelMtls: {
                    "8080": { mode: "PERMISSIVE" },
                    "9090": { mode: "STRICT" },
                    "9443": { mode: "PERMISSIVE" },
                },
            }),
        );
        assert.deepEqual(out.violations, [portMessage("8080"), portMessage("9443")]);
    });

    it("reports the policy and its ports once each when both are PERMISSIVE", async () => {
        const out = await check(
            pa({ mtls: { mode: "PERMISSIVE" }, portLevelMtls: { "8080": { mode: "PERMISSIVE" } } }),
        );
        assert.deepEqual(out.violations, [PERMISSIVE_MESSAGE, portMessage("8080")]);
    });

    it("reads the mode as the shared mesh reader does (trimmed, case-insensitive)", async () => {
        const out = await check(pa({ mtls: { mode: " permissive " } }));
        assert.deepEqual(out.violations, [PERMISSIVE_MESSAGE]);
    });

    it("leaves DISABLE, UNSET and a missing mode to the stack rule", async () => {
        const out = await check(
            pa({
                mtls: { mode: "DISABLE" },
                portLevelMtls: {
                    "5432": { mode: "DISABLE" },
                    "8080": { mode: "UNSET" },
                    "9090": {},
                },
            }),
        );
        assert.deepEqual(out.violations, []);
        assert.deepEqual((await check(pa({ mtls: {} }))).violations, []);
        assert.deepEqual((await check({ metadata: { name: "p" } })).violations, []);
    });

    it("checks the v1beta1 API too", async () => {
        const out = await check(
            pa({ mtls: { mode: "PERMISSIVE" } }),
            "kubernetes:security.istio.io/v1beta1:PeerAuthentication",
        );
        assert.deepEqual(out.violations, [PERMISSIVE_MESSAGE]);
    });

    it("falls back to the resource name and the default namespace when metadata is missing", async () => {
        const out = await check({ spec: { mtls: { mode: "PERMISSIVE" } } });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^PeerAuthentication "crm-sync-mtls" in namespace "default" sets mTLS mode "PERMISSIVE"/,
        );
    });

    it("reads wrongly typed fields without throwing", async () => {
        for (const props of [
            { metadata: 3, spec: "PERMISSIVE" },
            { spec: { mtls: "PERMISSIVE", portLevelMtls: "8080" } },
            { spec: { mtls: { mode: 1 }, portLevelMtls: { "8080": "PERMISSIVE", "9090": null } } },
            { spec: { mtls: null, portLevelMtls: ["PERMISSIVE"] } },
        ]) {
            const out = await check(props);
            assert.deepEqual(out.violations, [], JSON.stringify(props));
        }
    });

    it("leaves a mode that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await check(pa({ mtls: { mode: unknown.string } }));
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /mode/);
        const port = await check(pa({ portLevelMtls: { "8080": { mode: unknown.string } } }));
        assert.deepEqual(port.violations, []);
        assert.match(port.unknownDuringPreview ?? "", /mode/);
    });

    it("is not stopped by an unknown selector it does not need", async () => {
        const out = await check(
            pa({ mtls: { mode: "PERMISSIVE" }, selector: { matchLabels: unknown.object } }),
        );
        assert.equal(out.unknownDuringPreview, undefined);
        assert.deepEqual(out.violations, [PERMISSIVE_MESSAGE]);
    });

    it("ignores other kinds, DestinationRules included", async () => {
        for (const type of [
            "kubernetes:networking.istio.io/v1:DestinationRule",
            "kubernetes:core/v1:ConfigMap",
        ]) {
            const out = await check(pa({ mtls: { mode: "PERMISSIVE" } }), type);
            assert.deepEqual(out.violations, []);
        }
    });

    describe("remediation", () => {
        const remediateProps = (props: Record<string, any>, type = TYPE) =>
            remediate(enableStrictMode, { type, name: "crm-sync-mtls", props });

        it("sets a PERMISSIVE policy and its PERMISSIVE ports to STRICT, keeps everything else, and the result passes", async () => {
            const before = pa(
                {
                    selector: { matchLabels: { app: "sync" } },
                    mtls: { mode: "PERMISSIVE" },
                    portLevelMtls: {
                        "8080": { mode: "PERMISSIVE" },
                        "9090": { mode: "STRICT" },
                    },
                },
                { labels: { team: "crm" } },
            );
            const { props } = await remediateProps(before);
            assert.deepEqual(
                props,
                pa(
                    {
                        selector: { matchLabels: { app: "sync" } },
                        mtls: { mode: "STRICT" },
                        portLevelMtls: {
                            "8080": { mode: "STRICT" },
                            "9090": { mode: "STRICT" },
                        },
                    },
                    { labels: { team: "crm" } },
                ),
            );
            const after = await check(props!);
            assert.deepEqual(after.violations, []);
        });

        it("sets only the PERMISSIVE port under a STRICT policy", async () => {
            const { props } = await remediateProps(
                pa({ portLevelMtls: { "8080": { mode: "permissive" } } }),
            );
            assert.deepEqual(props, pa({ portLevelMtls: { "8080": { mode: "STRICT" } } }));
        });

        it("never touches DISABLE or UNSET, which someone must review, while fixing PERMISSIVE next to them", async () => {
            const { props } = await remediateProps(
                pa({
                    mtls: { mode: "PERMISSIVE" },
                    portLevelMtls: {
                        "5432": { mode: "DISABLE" },
                        "8080": { mode: "PERMISSIVE" },
                        "9090": { mode: "UNSET" },
                    },
                }),
            );
            assert.deepEqual(
                props,
                pa({
                    mtls: { mode: "STRICT" },
                    portLevelMtls: {
                        "5432": { mode: "DISABLE" },
                        "8080": { mode: "STRICT" },
                        "9090": { mode: "UNSET" },
                    },
                }),
            );
            for (const spec of [
                { mtls: { mode: "DISABLE" }, portLevelMtls: { "5432": { mode: "DISABLE" } } },
                { mtls: { mode: "UNSET" } },
                { mtls: {} },
            ]) {
                assert.equal((await remediateProps(pa(spec))).props, undefined);
            }
        });

        it("changes nothing on a STRICT policy or another kind", async () => {
            assert.equal(
                (await remediateProps(pa({ portLevelMtls: { "8080": { mode: "STRICT" } } }))).props,
                undefined,
            );
            assert.equal(
                (
                    await remediateProps(
                        pa({ mtls: { mode: "PERMISSIVE" } }),
                        "kubernetes:networking.istio.io/v1:DestinationRule",
                    )
                ).props,
                undefined,
            );
        });

        it("does not read unknown values it does not need, and leaves an unknown mode to the framework", async () => {
            const other = await remediateProps(
                pa(
                    { mtls: { mode: "PERMISSIVE" }, selector: { matchLabels: unknown.object } },
                    { name: unknown.string },
                ),
            );
            assert.equal(other.unknownDuringPreview, undefined);
            assert.equal(other.props?.spec.mtls.mode, "STRICT");
            const own = await remediateProps(pa({ mtls: { mode: unknown.string } }));
            assert.match(own.unknownDuringPreview ?? "", /mode can't be known during preview/);
        });

        it("does not throw on wrongly typed fields", async () => {
            for (const props of [
                { spec: "PERMISSIVE" },
                { spec: ["PERMISSIVE"] },
                { spec: { mtls: "PERMISSIVE", portLevelMtls: { "8080": "PERMISSIVE" } } },
                { spec: { mtls: { mode: 1 }, portLevelMtls: "8080" } },
            ]) {
                assert.equal((await remediateProps(props)).props, undefined, JSON.stringify(props));
            }
        });
    });
});
