import * as assert from "node:assert/strict";
import { enforceMeshMtls } from "../../../../../../policypack/policies/transport/kubernetes/syncjob/enforceMeshMtls";
import { checkStack, unknown } from "../../../../harness";
import { base, NS, syncStack, T, U } from "../../../../fixtures/syncStack";

const JOB = `Sync job CronJob "crm-erp-sync" in namespace "${NS}"`;

describe("kubernetes-syncjob-job-enforce-mesh-mtls", () => {
    it("accepts a sync job in an injected namespace with a STRICT PeerAuthentication", async () => {
        const out = await checkStack(enforceMeshMtls, syncStack());
        assert.deepEqual(out.violations, []);
    });

    it("rejects a namespace without a STRICT PeerAuthentication and reports it on the job", async () => {
        const out = await checkStack(enforceMeshMtls, syncStack({ replace: { peerAuth: null } }));
        assert.deepEqual(out.violations, [
            `${JOB} should run under STRICT mutual TLS, but namespace "${NS}" has no STRICT PeerAuthentication and no Linkerd \`all-authenticated\` default policy in this stack, so its traffic may cross the cluster in plaintext; enrol the namespace with MeshNamespace (SecureSyncJob does).`,
        ]);
        assert.deepEqual(out.urns, [U.cron]);
    });

    it("rejects a PERMISSIVE PeerAuthentication and one that only selects some pods", async () => {
        const pa = base("peerAuth");
        const permissive = await checkStack(
            enforceMeshMtls,
            syncStack({
                replace: {
                    peerAuth: {
                        ...pa,
                        props: { ...pa.props, spec: { mtls: { mode: "PERMISSIVE" } } },
                    },
                },
            }),
        );
        assert.equal(permissive.violations.length, 1);
        const selected = await checkStack(
            enforceMeshMtls,
            syncStack({
                replace: {
                    peerAuth: {
                        ...pa,
                        props: {
                            ...pa.props,
                            spec: {
                                selector: { matchLabels: { app: "x" } },
                                mtls: { mode: "STRICT" },
                            },
                        },
                    },
                },
            }),
        );
        assert.equal(selected.violations.length, 1);
    });

    it("accepts a mesh-wide STRICT PeerAuthentication in the Istio root namespace", async () => {
        const pa = base("peerAuth");
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({
                replace: {
                    peerAuth: {
                        ...pa,
                        props: {
                            ...pa.props,
                            metadata: { name: "default", namespace: "istio-system" },
                        },
                    },
                },
            }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects a namespace whose own PeerAuthentication says PERMISSIVE under a mesh-wide STRICT one (the namespace's policy wins)", async () => {
        const pa = base("peerAuth");
        const meshWide = {
            ...pa,
            name: "mesh-wide",
            props: { ...pa.props, metadata: { name: "default", namespace: "istio-system" } },
        };
        const out = await checkStack(enforceMeshMtls, [
            ...syncStack({
                replace: {
                    peerAuth: {
                        ...pa,
                        props: { ...pa.props, spec: { mtls: { mode: "PERMISSIVE" } } },
                    },
                },
            }),
            meshWide,
        ]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /has no STRICT PeerAuthentication/);
        // The look-alike: the same mesh-wide policy and no namespace policy of its own passes.
        const inherited = await checkStack(enforceMeshMtls, [
            ...syncStack({ replace: { peerAuth: null } }),
            meshWide,
        ]);
        assert.deepEqual(inherited.violations, []);
    });

    it("reads the mTLS mode as Istio does, whatever its case and surrounding space", async () => {
        const pa = base("peerAuth");
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({
                replace: {
                    peerAuth: {
                        ...pa,
                        props: { ...pa.props, spec: { mtls: { mode: " strict " } } },
                    },
                },
            }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("takes the root namespace from the shared `rootNamespace` config", async () => {
        const pa = base("peerAuth");
        const stack = [
            ...syncStack({ replace: { peerAuth: null } }),
            {
                ...pa,
                props: { ...pa.props, metadata: { name: "default", namespace: "mesh-root" } },
            },
        ];
        assert.equal((await checkStack(enforceMeshMtls, stack)).violations.length, 1);
        const out = await checkStack(enforceMeshMtls, stack, { rootNamespace: "mesh-root" });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a STRICT namespace whose pods get no sidecar", async () => {
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({
                replace: {
                    namespace: {
                        type: T.namespace,
                        name: "crm-sync-ns",
                        props: { metadata: { name: NS } },
                    },
                },
            }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} should get a mesh sidecar, but namespace "${NS}" has no \`istio-injection: enabled\` or \`istio.io/rev\` label, so STRICT mTLS cannot protect its traffic; enrol the namespace with MeshNamespace (SecureSyncJob does).`,
        ]);
    });

    it("accepts an istio.io/rev label in place of istio-injection", async () => {
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({
                replace: {
                    namespace: {
                        type: T.namespace,
                        name: "crm-sync-ns",
                        props: { metadata: { name: NS, labels: { "istio.io/rev": "1-24" } } },
                    },
                },
            }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects a pod template that opts out of Istio injection, once", async () => {
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({ podAnnotations: { "sidecar.istio.io/inject": "false" } }),
        );
        assert.deepEqual(out.violations, [
            `${JOB} opts its pods out of the mesh with annotation "sidecar.istio.io/inject: false", so its traffic should not be trusted to mutual TLS; remove it (SecureSyncJob never sets it).`,
        ]);
    });

    it('accepts an explicit sidecar.istio.io/inject "true"', async () => {
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({ podAnnotations: { "sidecar.istio.io/inject": "true" } }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects a namespace the stack does not create unless config lists it as mesh-managed", async () => {
        const stack = syncStack({ replace: { namespace: null, peerAuth: null } });
        const out = await checkStack(enforceMeshMtls, stack);
        assert.deepEqual(out.violations, [
            `${JOB} should run under STRICT mutual TLS, but this stack neither creates namespace "${NS}" in a mesh nor gives it a STRICT PeerAuthentication, so its traffic may cross the cluster in plaintext; run it in a MeshNamespace (SecureSyncJob does), or list the namespace in \`meshManagedNamespaces\` if the platform enforces mTLS there.`,
        ]);
        const managed = await checkStack(enforceMeshMtls, stack, { meshManagedNamespaces: [NS] });
        assert.deepEqual(managed.violations, []);
    });

    it("accepts a Linkerd namespace with injection and an all-authenticated default policy, and rejects one with all-unauthenticated", async () => {
        const ns = (policy: string) => ({
            type: T.namespace,
            name: "crm-sync-ns",
            props: {
                metadata: {
                    name: NS,
                    annotations: {
                        "linkerd.io/inject": "enabled",
                        "config.linkerd.io/default-inbound-policy": policy,
                    },
                },
            },
        });
        const ok = await checkStack(
            enforceMeshMtls,
            syncStack({ replace: { namespace: ns("all-authenticated"), peerAuth: null } }),
        );
        assert.deepEqual(ok.violations, []);
        const open = await checkStack(
            enforceMeshMtls,
            syncStack({ replace: { namespace: ns("all-unauthenticated"), peerAuth: null } }),
        );
        assert.equal(open.violations.length, 1);
    });

    it("rejects a Linkerd opt-out on the pod template", async () => {
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({ podAnnotations: { "linkerd.io/inject": "disabled" } }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /annotation "linkerd\.io\/inject: disabled"/);
    });

    it("ignores unlabelled CronJobs unless config treats every job as a sync job", async () => {
        const stack = syncStack({ jobLabels: {}, replace: { peerAuth: null } });
        assert.deepEqual((await checkStack(enforceMeshMtls, stack)).violations, []);
        assert.equal(
            (await checkStack(enforceMeshMtls, stack, { allJobs: true })).violations.length,
            1,
        );
    });

    it("reads wrongly typed fields without throwing", async () => {
        const cron = base("cron");
        const out = await checkStack(enforceMeshMtls, [
            ...syncStack({
                replace: { cron: { ...cron, props: { ...cron.props, spec: "nonsense" } } },
            }),
            { type: T.peerAuth, name: "odd", props: { metadata: 7, spec: { mtls: "STRICT" } } },
            { type: T.namespace, name: "odd-ns", props: { metadata: { name: 3, labels: "x" } } },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("leaves a namespace that is unknown during preview to the framework instead of reporting it", async () => {
        const cron = base("cron");
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({
                replace: {
                    cron: {
                        ...cron,
                        props: {
                            ...cron.props,
                            metadata: { ...cron.props.metadata, namespace: unknown.string },
                        },
                    },
                },
            }),
        );
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /namespace/);
    });

    it("does not read the env values that are unknown during preview", async () => {
        const out = await checkStack(
            enforceMeshMtls,
            syncStack({ env: [{ name: "QUEUE_URL", value: unknown.string }] }),
        );
        assert.deepEqual(out.violations, []);
        assert.equal(out.unknownDuringPreview, undefined);
    });
});
