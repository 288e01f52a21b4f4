import type { ResourceValidationPolicy } from "@pulumi/policy";
import { kubeconfigEntries, readKubeconfig } from "../../../../lib/kubeconfig";
import { ruleUrl, tags } from "../../../../lib/meta";
import { isTrue } from "../../../../lib/read";
import { parseUrl, shownAddress } from "../../../../lib/urls";
import { ofType } from "../../../../lib/ofType";

const NAME = "pulumi-providers-kubernetes-disallow-insecure-clusters";

/**
 * The deployment sends Secrets and ConfigMaps to the API server (Article 32(1)(a)): a Kubernetes
 * provider reaches its cluster over `https://` and never sets `insecure-skip-tls-verify`.
 */
export const disallowInsecureClusters: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Kubernetes providers reach their clusters over verified https://.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Use `https://` server URLs in the kubeconfig, remove `insecure-skip-tls-verify`, and give the cluster's CA in `certificate-authority-data`.",
    url: ruleUrl(NAME),
    validateResource: ofType("pulumi:providers:kubernetes", (args, reportViolation) => {
        const subject = `Kubernetes provider "${args.name}"`;
        const id = args.props.clusterIdentifier;
        if (typeof id === "string" && id.includes("://")) {
            const url = parseUrl(id);
            if (!url || url.scheme !== "https") {
                reportViolation(
                    `${subject} clusterIdentifier "${shownAddress(id)}" is not an \`https://\` URL; it should name the cluster's \`https://\` API server.`,
                );
            }
        }
        const kubeconfig = readKubeconfig(args.props.kubeconfig);
        if (kubeconfig === "unreadable") {
            reportViolation(
                `${subject} has a kubeconfig that could not be parsed, so its cluster connections cannot be verified; it should use a valid kubeconfig with \`https://\` servers.`,
            );
            return;
        }
        for (const { name, body: cluster } of kubeconfigEntries(kubeconfig, "clusters")) {
            if (isTrue(cluster["insecure-skip-tls-verify"])) {
                reportViolation(
                    `${subject} kubeconfig cluster ${name} sets insecure-skip-tls-verify true, so it would send manifests and secrets to any server that answers; it should verify the API server: remove it and set \`certificate-authority-data\`.`,
                );
            }
            const server = cluster.server;
            if (typeof server === "string") {
                const url = parseUrl(server);
                if (!url || url.scheme !== "https") {
                    reportViolation(
                        `${subject} kubeconfig cluster ${name} server "${shownAddress(server)}" is not an \`https://\` URL, so manifests and secrets cross the network in plaintext; it should use "https".`,
                    );
                }
            }
        }
    }),
};
