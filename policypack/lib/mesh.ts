// Readers for the service mesh (Istio and Linkerd): PeerAuthentication modes and the STRICT-mTLS
// map of a stack, DestinationRule TLS settings, and the labels/annotations by which namespaces opt
// in to sidecar injection and workloads opt out of it.
import { metadataOf } from "./k8s";
import { asArray, asObject, stringMap } from "./read";

/** Istio PeerAuthentication type tokens (CustomResource builds `kubernetes:<group>/<version>:<Kind>`). */
const PEER_AUTHENTICATION = /^kubernetes:security\.istio\.io\/v1(?:beta1)?:PeerAuthentication$/;
/** Istio DestinationRule type tokens. */
const DESTINATION_RULE = /^kubernetes:networking\.istio\.io\/v1(?:beta1|alpha3)?:DestinationRule$/;
const NAMESPACE = /^kubernetes:core\/v1:Namespace(Patch)?$/;

export function isPeerAuthentication(type: string): boolean {
    return PEER_AUTHENTICATION.test(type);
}

export function isDestinationRule(type: string): boolean {
    return DESTINATION_RULE.test(type);
}

export function isNamespace(type: string): boolean {
    return NAMESPACE.test(type);
}

/** Istio's default root namespace: a PeerAuthentication there without a selector is mesh-wide. */
export const DEFAULT_ROOT_NAMESPACE = "istio-system";

/** A PeerAuthentication mTLS mode; anything that is not a string reads as `UNSET`. */
export type MtlsMode = "STRICT" | "PERMISSIVE" | "DISABLE" | "UNSET" | string;

function modeOf(mtls: unknown): MtlsMode {
    const mode = asObject(mtls).mode;
    return typeof mode === "string" && mode.trim() !== "" ? mode.trim().toUpperCase() : "UNSET";
}

/** What a PeerAuthentication says, read defensively. */
export interface PeerAuthenticationView {
    name: string;
    /** `metadata.namespace`, `"default"` when unset. */
    namespace: string;
    /** True when `spec.selector.matchLabels` names at least one label (a workload-level policy). */
    hasSelector: boolean;
    /** `spec.mtls.mode`, upper-cased; `UNSET` when absent. */
    mode: MtlsMode;
    /** `spec.portLevelMtls`: port (as written) → mode. */
    portModes: { port: string; mode: MtlsMode }[];
}

export function readPeerAuthentication(
    props: Record<string, any>,
    fallbackName: string,
): PeerAuthenticationView {
    const metadata = metadataOf(props);
    const spec = asObject(props.spec);
    const ns =
        typeof metadata.namespace === "string" && metadata.namespace !== ""
            ? metadata.namespace
            : "default";
    const name =
        typeof metadata.name === "string" && metadata.name !== "" ? metadata.name : fallbackName;
    const portModes = Object.entries(asObject(spec.portLevelMtls)).map(([port, m]) => ({
        port,
        mode: modeOf(m),
    }));
    return {
        name,
        namespace: ns,
        hasSelector: Object.keys(asObject(asObject(spec.selector).matchLabels)).length > 0,
        mode: modeOf(spec.mtls),
        portModes,
    };
}

/** Which namespaces of a stack run STRICT mTLS, from its PeerAuthentications. */
export interface StrictMtlsIndex {
    /** The mode of the mesh-wide policy (root namespace, no selector), `UNSET` when none. */
    meshMode: MtlsMode;
    /** Namespace → mode of its namespace-wide policy (no selector). */
    namespaceModes: Map<string, MtlsMode>;
    /** True when workloads of `namespace` without their own policy get STRICT mTLS. */
    isStrict(namespace: string): boolean;
}

/**
 * Indexes the PeerAuthentications of a stack once. `assumeMeshStrict` treats an UNSET mesh-wide
 * mode as STRICT (for meshes whose root policy is managed outside the stack).
 */
export function strictMtlsIndex(
    resources: Iterable<{ type: string; props: Record<string, any>; name: string }>,
    rootNamespace: string = DEFAULT_ROOT_NAMESPACE,
    assumeMeshStrict = false,
): StrictMtlsIndex {
    let meshMode: MtlsMode = "UNSET";
    const namespaceModes = new Map<string, MtlsMode>();
    for (const r of resources) {
        if (!isPeerAuthentication(r.type)) {
            continue;
        }
        const pa = readPeerAuthentication(r.props, r.name);
        if (pa.hasSelector) {
            continue;
        }
        if (pa.namespace === rootNamespace) {
            meshMode = pa.mode;
        } else {
            namespaceModes.set(pa.namespace, pa.mode);
        }
    }
    const meshStrict = meshMode === "STRICT" || (meshMode === "UNSET" && assumeMeshStrict);
    return {
        meshMode,
        namespaceModes,
        isStrict(namespace: string): boolean {
            if (namespace === rootNamespace) {
                return meshStrict;
            }
            const mode = namespaceModes.get(namespace) ?? "UNSET";
            return mode === "STRICT" || (mode === "UNSET" && meshStrict);
        },
    };
}

/** Policy config of the rules that read the STRICT-mTLS map (schema: `meshScopeProperties`). */
export interface MeshScopeConfig {
    /** The Istio root namespace, where a PeerAuthentication without a selector is mesh-wide. */
    rootNamespace?: string;
    /** Treat the mesh-wide mTLS mode as STRICT when it is managed outside the stack. */
    assumeMeshStrict?: boolean;
}

/**
 * {@link strictMtlsIndex} as a rule's {@link MeshScopeConfig} asks for it; values of the wrong type
 * fall back to the defaults.
 */
export function strictMtlsIndexFor(
    resources: Iterable<{ type: string; props: Record<string, any>; name: string }>,
    config: MeshScopeConfig,
): StrictMtlsIndex {
    const root =
        typeof config.rootNamespace === "string" ? config.rootNamespace : DEFAULT_ROOT_NAMESPACE;
    return strictMtlsIndex(resources, root, config.assumeMeshStrict === true);
}

/** Istio ClientTLSSettings modes that are not plaintext; a `tls` block without `mode` means DISABLE. */
export function clientTlsMode(tls: unknown): string | undefined {
    if (tls === undefined || tls === null) {
        return undefined;
    }
    const mode = asObject(tls).mode;
    return typeof mode === "string" && mode.trim() !== "" ? mode.trim().toUpperCase() : "DISABLE";
}

/** One TLS setting of a DestinationRule and where it sits. */
export interface DestinationTlsSetting {
    /** Where it sits, for messages: `trafficPolicy`, `trafficPolicy.portLevelSettings[0] (port 8080)`, `subset "v1" trafficPolicy`. */
    place: string;
    /** `tls.mode`, upper-cased; `DISABLE` for a `tls` block without a mode. */
    mode: string;
}

function portLabel(setting: Record<string, any>): string {
    const n = asObject(setting.port).number;
    return typeof n === "number" || typeof n === "string" ? ` (port ${n})` : "";
}

function policySettings(policy: unknown, prefix: string): DestinationTlsSetting[] {
    const out: DestinationTlsSetting[] = [];
    const p = asObject(policy);
    const top = clientTlsMode(p.tls);
    if (top !== undefined) {
        out.push({ place: prefix, mode: top });
    }
    asArray(p.portLevelSettings).forEach((s, i) => {
        const setting = asObject(s);
        const mode = clientTlsMode(setting.tls);
        if (mode !== undefined) {
            out.push({ place: `${prefix}.portLevelSettings[${i}]${portLabel(setting)}`, mode });
        }
    });
    return out;
}

/** Every explicit TLS setting of a DestinationRule spec: the traffic policy, its ports, and each subset's. */
export function destinationTlsSettings(spec: Record<string, any>): DestinationTlsSetting[] {
    const out = policySettings(spec.trafficPolicy, "trafficPolicy");
    asArray(spec.subsets).forEach((s, i) => {
        const subset = asObject(s);
        const label = typeof subset.name === "string" ? `subset "${subset.name}"` : `subsets[${i}]`;
        out.push(...policySettings(subset.trafficPolicy, `${label} trafficPolicy`));
    });
    return out;
}

/** True for DestinationRule hosts inside the mesh: short names, `*.svc`, `*.cluster.local`, `*` and `*.local`. */
export function isInMeshHost(host: string): boolean {
    const h = host.toLowerCase().replace(/\.$/, "");
    return (
        h === "*" ||
        !h.includes(".") ||
        h === "*.local" ||
        h.endsWith(".svc") ||
        h.endsWith(".cluster.local")
    );
}

/** Pod-template opt-outs of sidecar injection, as `key: "value"` descriptions (annotations and labels). */
export function injectionOptOuts(metadata: Record<string, any>): string[] {
    const out: string[] = [];
    const annotations = stringMap(metadata.annotations);
    const labels = stringMap(metadata.labels);
    for (const [where, map] of [
        ["annotation", annotations],
        ["label", labels],
    ] as const) {
        const istio = map["sidecar.istio.io/inject"];
        if (istio !== undefined && istio.trim().toLowerCase() === "false") {
            out.push(`${where} "sidecar.istio.io/inject: ${istio}"`);
        }
        const linkerd = map["linkerd.io/inject"];
        if (linkerd !== undefined && linkerd.trim().toLowerCase() === "disabled") {
            out.push(`${where} "linkerd.io/inject: ${linkerd}"`);
        }
    }
    return out;
}

/** Annotations that let traffic bypass the sidecar on some ports. */
export const BYPASS_ANNOTATIONS = [
    "traffic.sidecar.istio.io/excludeOutboundPorts",
    "traffic.sidecar.istio.io/excludeInboundPorts",
    "config.linkerd.io/skip-outbound-ports",
    "config.linkerd.io/skip-inbound-ports",
] as const;

/** The traffic-interception bypass annotations of a pod template that exclude at least one port. */
export function bypassAnnotations(metadata: Record<string, any>): { key: string; value: string }[] {
    const annotations = stringMap(metadata.annotations);
    return BYPASS_ANNOTATIONS.filter((key) => (annotations[key] ?? "").trim() !== "").map(
        (key) => ({
            key,
            value: annotations[key],
        }),
    );
}

/** How a namespace's labels/annotations set sidecar injection. */
export type InjectionSetting = "enabled" | "disabled" | "absent";

/**
 * Reads a namespace's injection setting: `istio-injection: enabled`, any `istio.io/rev`, or
 * `linkerd.io/inject: enabled` (annotation or label) enable it; `istio-injection: disabled` or
 * `linkerd.io/inject: disabled` disable it.
 */
export function namespaceInjection(metadata: Record<string, any>): InjectionSetting {
    const labels = stringMap(metadata.labels);
    const annotations = stringMap(metadata.annotations);
    const istio = labels["istio-injection"]?.trim().toLowerCase();
    const linkerd = (annotations["linkerd.io/inject"] ?? labels["linkerd.io/inject"])
        ?.trim()
        .toLowerCase();
    if (istio === "disabled" || linkerd === "disabled") {
        return "disabled";
    }
    if (
        istio === "enabled" ||
        (labels["istio.io/rev"] ?? "").trim() !== "" ||
        linkerd === "enabled"
    ) {
        return "enabled";
    }
    return "absent";
}

/** Linkerd default inbound policies that admit only authenticated (meshed, mTLS) clients. */
const AUTHENTICATED_LINKERD_POLICIES = ["all-authenticated", "cluster-authenticated", "deny"];

/**
 * True when a namespace is injected by Linkerd and its default inbound policy
 * (`config.linkerd.io/default-inbound-policy`) admits only authenticated clients: Linkerd's
 * equivalent of a STRICT PeerAuthentication.
 */
export function linkerdAuthenticated(metadata: Record<string, any>): boolean {
    const annotations = stringMap(metadata.annotations);
    const inject = (annotations["linkerd.io/inject"] ?? "").trim().toLowerCase();
    const policy = (annotations["config.linkerd.io/default-inbound-policy"] ?? "")
        .trim()
        .toLowerCase();
    return inject === "enabled" && AUTHENTICATED_LINKERD_POLICIES.includes(policy);
}
