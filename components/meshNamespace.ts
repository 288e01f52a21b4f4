// A Kubernetes namespace enrolled in the service mesh with mutual TLS enforced, so that every hop
// of a sync inside the cluster is encrypted and authenticated (GDPR Article 32(1)(a)).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Checks } from "./internal";

/** The meshes a {@link MeshNamespace} can enrol in. */
export type MeshKind = "istio" | "linkerd";

/** A workload identity allowed to call into the namespace. */
export interface MeshPrincipal {
    /** Namespace of the calling workload (exact name). */
    readonly namespace: string;
    /** Service account of the calling workload (exact name). */
    readonly serviceAccount: string;
}

export interface MeshNamespaceArgs {
    /** Which mesh enrols the namespace. Plain, so it can be checked at construction. */
    readonly mesh: MeshKind;
    /** The namespace's name; defaults to the component's name. Must be one exact DNS label. */
    readonly namespaceName?: string;
    /** Workload identities allowed to call into the namespace; everything else is denied. */
    readonly allowFrom?: MeshPrincipal[];
    /** Linkerd only: the ports that workloads in the namespace serve (one `Server` each). */
    readonly ports?: number[];
    /** Istio only: a revision label (`istio.io/rev`) to use instead of `istio-injection: enabled`. */
    readonly istioRevision?: string;
    /** The mesh's trust domain, used in principals; defaults to `cluster.local`. */
    readonly trustDomain?: string;
    /** Extra labels (e.g. `data-owner`, `data-category`); may not switch injection off. */
    readonly labels?: Record<string, string>;
}

const INJECTION_KEYS = [
    "istio-injection",
    "istio.io/rev",
    "linkerd.io/inject",
    "sidecar.istio.io/inject",
];

/**
 * A namespace whose workloads get a mesh sidecar and may only talk mutual TLS: for Istio a STRICT
 * `PeerAuthentication`, an `ISTIO_MUTUAL` `DestinationRule` for the namespace's hosts, a
 * default-deny `AuthorizationPolicy` and an allow rule for the listed principals; for Linkerd the
 * injection annotation, `all-authenticated` default inbound policy, and `Server` /
 * `AuthorizationPolicy` / `MeshTLSAuthentication` for the listed principals.
 */
export class MeshNamespace extends pulumi.ComponentResource {
    /** The namespace resource. */
    public readonly namespace: k8s.core.v1.Namespace;
    /** The namespace's name, known at construction (use it in other resources' metadata). */
    public readonly namespaceName: string;
    /** The mesh it is enrolled in. */
    public readonly mesh: MeshKind;
    /** The mesh resources that enforce mutual TLS and authorization, in creation order. */
    public readonly meshResources: k8s.apiextensions.CustomResource[] = [];

    constructor(name: string, args: MeshNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        const check = new Checks("MeshNamespace", name);
        const a = args ?? ({} as MeshNamespaceArgs);
        if (a.mesh !== "istio" && a.mesh !== "linkerd") {
            check.refuse(
                "mesh",
                `is ${JSON.stringify(a.mesh) ?? "missing"}, so the namespace would sit outside the mesh`,
                'use "istio" or "linkerd"',
            );
        }
        const nsName = check.dnsLabel("namespaceName", a.namespaceName ?? name);
        const allowFrom = (a.allowFrom ?? []).map((p, i) => ({
            namespace: check.dnsLabel(`allowFrom[${i}].namespace`, p?.namespace),
            serviceAccount: check.dnsLabel(`allowFrom[${i}].serviceAccount`, p?.serviceAccount),
        }));
        const ports = (a.ports ?? []).map((p, i) =>
            check.integer(`ports[${i}]`, p, 0, 1, 65535, "a TCP port"),
        );
        if (a.mesh === "istio" && ports.length > 0) {
            check.refuse(
                "ports",
                "is set for Istio, where the namespace-wide policies already cover every port",
                "leave it out",
            );
        }
        if (
            a.istioRevision !== undefined &&
            (a.mesh !== "istio" || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(a.istioRevision))
        ) {
            check.refuse(
                "istioRevision",
                `is "${a.istioRevision}", which is not an Istio revision name for an Istio namespace`,
                'give the revision name (e.g. "1-24") with mesh "istio", or leave it out',
            );
        }
        const trustDomain = a.trustDomain ?? "cluster.local";
        if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(trustDomain)) {
            check.refuse(
                "trustDomain",
                `is "${trustDomain}", not a trust domain name`,
                'use the mesh\'s trust domain, e.g. "cluster.local"',
            );
        }
        for (const key of Object.keys(a.labels ?? {})) {
            if (INJECTION_KEYS.includes(key)) {
                check.refuse(
                    `labels["${key}"]`,
                    "would override the mesh injection setting",
                    "leave injection to MeshNamespace",
                );
            }
        }

        super("gdpr-guard:mesh:MeshNamespace", name, {}, opts);
        this.namespaceName = nsName;
        this.mesh = a.mesh;
        const child = { parent: this };

        const labels: Record<string, string> = { ...(a.labels ?? {}) };
        const annotations: Record<string, string> = {};
        if (a.mesh === "istio") {
            if (a.istioRevision !== undefined) {
                labels["istio.io/rev"] = a.istioRevision;
            } else {
                labels["istio-injection"] = "enabled";
            }
        } else {
            annotations["linkerd.io/inject"] = "enabled";
            annotations["config.linkerd.io/default-inbound-policy"] = "all-authenticated";
        }
        this.namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: nsName, labels, annotations } },
            child,
        );
        const inNs = { parent: this, dependsOn: [this.namespace] };
        const cr = (
            suffix: string,
            apiVersion: string,
            kind: string,
            resName: string,
            spec: Record<string, unknown>,
        ) => {
            const r = new k8s.apiextensions.CustomResource(
                `${name}-${suffix}`,
                {
                    apiVersion,
                    kind,
                    metadata: { name: resName, namespace: nsName, labels: a.labels ?? {} },
                    spec,
                },
                inNs,
            );
            this.meshResources.push(r);
            return r;
        };

        if (a.mesh === "istio") {
            cr("strict-mtls", "security.istio.io/v1", "PeerAuthentication", "default", {
                mtls: { mode: "STRICT" },
            });
            cr("mutual-tls", "networking.istio.io/v1", "DestinationRule", "mutual-tls", {
                host: `*.${nsName}.svc.${trustDomain}`,
                trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } },
            });
            cr("deny-all", "security.istio.io/v1", "AuthorizationPolicy", "deny-all", {});
            if (allowFrom.length > 0) {
                cr("allow-listed", "security.istio.io/v1", "AuthorizationPolicy", "allow-listed", {
                    action: "ALLOW",
                    rules: [
                        {
                            from: [
                                {
                                    source: {
                                        principals: allowFrom.map(
                                            (p) =>
                                                `${trustDomain}/ns/${p.namespace}/sa/${p.serviceAccount}`,
                                        ),
                                    },
                                },
                            ],
                        },
                    ],
                });
            }
        } else {
            // A Server with no AuthorizationPolicy denies every request on its port.
            for (const port of ports) {
                cr(`server-${port}`, "policy.linkerd.io/v1beta3", "Server", `port-${port}`, {
                    podSelector: {},
                    port,
                    proxyProtocol: "unknown",
                });
            }
            if (allowFrom.length > 0) {
                cr(
                    "mesh-tls",
                    "policy.linkerd.io/v1alpha1",
                    "MeshTLSAuthentication",
                    "allow-listed",
                    {
                        identities: allowFrom.map(
                            (p) =>
                                `${p.serviceAccount}.${p.namespace}.serviceaccount.identity.linkerd.${trustDomain}`,
                        ),
                    },
                );
                const authn = [
                    {
                        group: "policy.linkerd.io",
                        kind: "MeshTLSAuthentication",
                        name: "allow-listed",
                    },
                ];
                const targets =
                    ports.length === 0
                        ? [
                              {
                                  suffix: "allow-listed",
                                  resName: "allow-listed",
                                  targetRef: { kind: "Namespace", name: nsName },
                              },
                          ]
                        : ports.map((port) => ({
                              suffix: `allow-${port}`,
                              resName: `allow-port-${port}`,
                              targetRef: {
                                  group: "policy.linkerd.io",
                                  kind: "Server",
                                  name: `port-${port}`,
                              },
                          }));
                for (const t of targets) {
                    cr(t.suffix, "policy.linkerd.io/v1alpha1", "AuthorizationPolicy", t.resName, {
                        targetRef: t.targetRef,
                        requiredAuthenticationRefs: authn,
                    });
                }
            }
        }

        // Only plain values: a resource reference in a component's outputs cannot be read by policy packs.
        this.registerOutputs({ namespaceName: this.namespaceName, mesh: this.mesh });
    }
}
