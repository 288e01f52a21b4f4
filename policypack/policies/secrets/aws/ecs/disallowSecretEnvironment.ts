import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ecsContainers, literalEnvironment } from "../../../../lib/ecs";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, literalOrStatic, scanValue } from "../../../../lib/secrets/detector";

const NAME = "aws-ecs-taskdefinition-disallow-secret-environment";

/**
 * ECS `environment` entries are plain text in the task definition; `secrets` entries are
 * references. The same holds for the containers of the awsx `FargateService`, `EC2Service` and
 * task-definition components, which the pack reads from the components' inputs.
 */
export const disallowSecretEnvironment: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that ECS task definitions (and the awsx ECS components) hold no secrets in container environment entries.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Move the value to Secrets Manager or SSM SecureString and reference it from the container's `secrets` list (`valueFrom`), or fetch it from Vault at start-up.",
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        const found = ecsContainers(args.type, args.name, args.props, args.urn);
        if (!found) {
            return;
        }
        if (found.error !== undefined) {
            reportViolation(
                found.error === "not-json"
                    ? `${found.subject} has \`${found.place}\` that are not valid JSON, so their environment cannot be checked for secrets; fix the JSON.`
                    : `${found.subject} has \`${found.place}\` that are not a list, so their environment cannot be checked for secrets; pass a JSON list of container definitions.`,
            );
            return;
        }
        for (const c of found.containers) {
            for (const env of literalEnvironment(c.def)) {
                const finding = await scanValue(env.value, env.name);
                if (finding?.confidence === "high") {
                    reportViolation(
                        `${found.subject} container "${c.name}" environment "${env.name}" holds a ${literalOrStatic(finding)} secret (${describeFinding(finding)}); reference it from the container's \`secrets\` (Secrets Manager or SSM SecureString) instead.`,
                    );
                }
            }
        }
    },
};
