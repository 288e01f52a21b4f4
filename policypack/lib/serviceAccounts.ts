// Kubernetes service accounts of pods: which token a pod mounts and whether it needs the API, shared
// by the workload and sync-job service-account rules.
import type { ResourceValidationArgs } from "@pulumi/policy";
import { metadataOf, podTemplate } from "./k8s";
import { stringMap } from "./read";
import { isSyncJobLabelled } from "./syncPath";

/** The pod annotation by which a workload declares that it calls the Kubernetes API. */
export const API_ACCESS_ANNOTATION = "gdpr-guard.io/kubernetes-api-access";
/** The Vault agent injector logs in with the pod's service account token, so it needs one. */
const VAULT_AGENT_ANNOTATION = "vault.hashicorp.com/agent-inject";
/** The service-account findings of one pod-bearing resource, and whether it is a sync job. */
export interface ServiceAccountFindings {
    syncJob: boolean;
    messages: string[];
}

/**
 * Checks a workload's pod spec: it runs as a service account of its own, and does not mount an API
 * token unless it declares (with {@link API_ACCESS_ANNOTATION} or the Vault agent annotation) that it
 * needs one. Undefined for types that carry no pod. Shared by the advisory rule (all workloads)
 * and the mandatory one (sync jobs).
 */
export function serviceAccountFindings(
    type: string,
    props: Record<string, any>,
    name: string,
): ServiceAccountFindings | undefined {
    const pod = podTemplate(type, props);
    if (!pod) {
        return undefined;
    }
    const meta = metadataOf(props);
    const syncJob = isSyncJobLabelled(meta.labels) || isSyncJobLabelled(pod.metadata.labels);
    const subject = `${pod.kind} "${typeof meta.name === "string" ? meta.name : name}"${pod.path ? ` pod template (${pod.path})` : ""}`;
    const messages: string[] = [];
    const sa = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
    if (sa === undefined || sa === "" || sa === "default") {
        const how =
            sa === "default"
                ? 'runs as the "default" service account'
                : 'runs as the namespace\'s "default" service account (serviceAccountName is unset)';
        messages.push(
            `${subject} ${how}; every pod of the namespace shares it, so whatever it is granted reaches them all; give the workload a service account of its own (SecureSyncJob does).`,
        );
    }
    const annotations = stringMap(pod.metadata.annotations);
    const needsApi =
        annotations[API_ACCESS_ANNOTATION] === "true" ||
        annotations[VAULT_AGENT_ANNOTATION] === "true";
    if (pod.spec.automountServiceAccountToken !== false && !needsApi) {
        const value =
            pod.spec.automountServiceAccountToken === undefined
                ? "unset"
                : `"${String(pod.spec.automountServiceAccountToken)}"`;
        messages.push(
            `${subject} mounts a Kubernetes API token (automountServiceAccountToken is ${value}) but does not declare that it calls the API; a stolen token should not be a foothold in the cluster, so set automountServiceAccountToken to false (SecureSyncJob does), or annotate the pod "${API_ACCESS_ANNOTATION}": "true" if it does call the API.`,
        );
    }
    return { syncJob, messages };
}

/**
 * The remediation both service-account rules share: `automountServiceAccountToken: false` on the
 * pod spec of a workload (`syncJob` selects sync jobs or the others) that does not declare it calls
 * the API — the only part of the finding with one safe answer (which service account a workload
 * should run as is not). Writes through the props proxy; patches and pods without a spec are left
 * alone. Returns the props when it changed them.
 */
export function remediateApiToken(
    args: ResourceValidationArgs,
    syncJob: boolean,
): Record<string, any> | undefined {
    if (args.type.endsWith("Patch")) {
        return undefined;
    }
    const pod = podTemplate(args.type, args.props);
    if (!pod) {
        return undefined;
    }
    const meta = metadataOf(args.props);
    if ((isSyncJobLabelled(meta.labels) || isSyncJobLabelled(pod.metadata.labels)) !== syncJob) {
        return undefined;
    }
    let node: any = args.props;
    for (const key of [...pod.path.split(".").filter((k) => k !== ""), "spec"]) {
        node =
            node !== null && typeof node === "object" && !Array.isArray(node)
                ? node[key]
                : undefined;
    }
    if (node === null || typeof node !== "object" || Array.isArray(node)) {
        return undefined;
    }
    const annotations = stringMap(pod.metadata.annotations);
    if (
        annotations[API_ACCESS_ANNOTATION] === "true" ||
        annotations[VAULT_AGENT_ANNOTATION] === "true" ||
        node.automountServiceAccountToken === false
    ) {
        return undefined;
    }
    node.automountServiceAccountToken = false;
    return args.props;
}
