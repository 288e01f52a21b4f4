import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { describeFinding, scanValue } from "../../../../lib/secrets/detector";

const NAME = "aws-ecs-taskdefinition-disallow-secret-environment";

/** ECS `environment` entries are plain text in the task definition; `secrets` entries are references. */
export const disallowSecretEnvironment: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that ECS task definitions hold no secrets in container environment entries.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Move the value to Secrets Manager or SSM SecureString and reference it from the container's `secrets` list (`valueFrom`), or fetch it from Vault at start-up.",
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        if (args.type !== "aws:ecs/taskDefinition:TaskDefinition") {
            return;
        }
        const raw = args.props.containerDefinitions;
        let defs: unknown = raw;
        if (typeof raw === "string") {
            try {
                defs = JSON.parse(raw);
            } catch {
                reportViolation(
                    `ECS task definition "${args.name}" has \`containerDefinitions\` that are not valid JSON, so their environment cannot be checked for secrets; fix the JSON.`,
                );
                return;
            }
        }
        if (raw !== undefined && !Array.isArray(defs)) {
            reportViolation(
                `ECS task definition "${args.name}" has \`containerDefinitions\` that are not a list, so their environment cannot be checked for secrets; pass a JSON list of container definitions.`,
            );
            return;
        }
        for (const [ci, def] of asArray(defs).entries()) {
            const container = asObject(def);
            const cname = typeof container.name === "string" ? container.name : `#${ci}`;
            for (const [i, entry] of asArray(container.environment).entries()) {
                const env = asObject(entry);
                const name = typeof env.name === "string" ? env.name : `#${i}`;
                if (typeof env.value !== "string") {
                    continue;
                }
                const finding = await scanValue(env.value, name);
                if (finding?.confidence === "high") {
                    reportViolation(
                        `ECS task definition "${args.name}" container "${cname}" environment "${name}" holds a literal secret (${describeFinding(finding)}); reference it from the container's \`secrets\` (Secrets Manager or SSM SecureString) instead.`,
                    );
                }
            }
        }
    },
};
