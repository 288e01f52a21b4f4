import type { ResourceValidationPolicy } from "@pulumi/policy";
import { kubeconfigEntries, readKubeconfig } from "../../../../lib/kubeconfig";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { describeFinding } from "../../../../lib/secrets/detector";
import { scanCredentialField } from "../../../../lib/secrets/findings";
import { ofType } from "../../../../lib/ofType";

const NAME = "pulumi-providers-kubernetes-disallow-embedded-credentials";

/** Fields of a kubeconfig `users[].user` entry that hold a credential. */
const USER_FIELDS = ["token", "client-key-data", "password"];
/** Fields of `users[].user.auth-provider.config` that hold a credential. */
const AUTH_PROVIDER_FIELDS = ["client-secret", "refresh-token", "id-token", "access-token"];

/**
 * A kubeconfig with an embedded token, client key or password is a cluster credential in the
 * program and the state. Deployments use an exec plugin (`aws eks get-token`) instead.
 */
export const disallowEmbeddedCredentials: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Kubernetes providers do not embed credentials in their kubeconfig.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Replace embedded `token`, `client-key-data` and `password` entries with an `exec` credential plugin (for EKS: `aws eks get-token`) so the deployment gets a short-lived token.",
    url: ruleUrl(NAME),
    validateResource: ofType("pulumi:providers:kubernetes", async (args, reportViolation) => {
        const kubeconfig = readKubeconfig(args.props.kubeconfig);
        if (kubeconfig === "unreadable") {
            reportViolation(
                `Kubernetes provider "${args.name}" has a kubeconfig that could not be parsed, so embedded credentials cannot be ruled out; use a valid kubeconfig whose users authenticate through an \`exec\` plugin.`,
            );
            return;
        }
        for (const { name: userName, body: user } of kubeconfigEntries(kubeconfig, "users")) {
            const fields: [string, unknown][] = USER_FIELDS.map((f) => [f, user[f]]);
            const config = asObject(asObject(user["auth-provider"]).config);
            for (const f of AUTH_PROVIDER_FIELDS) {
                fields.push([`auth-provider.config.${f}`, config[f]]);
            }
            for (const [field, value] of fields) {
                const finding = await scanCredentialField(value, field);
                if (finding) {
                    reportViolation(
                        `Kubernetes provider "${args.name}" kubeconfig user ${userName} embeds a credential in "${field}" (${describeFinding(finding)}); authenticate through an \`exec\` plugin such as \`aws eks get-token\` instead.`,
                    );
                }
            }
        }
    }),
};
