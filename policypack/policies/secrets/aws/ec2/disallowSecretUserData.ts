import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, scanValue } from "../../../../lib/secrets/detector";

const NAME = "aws-ec2-instance-disallow-secret-user-data";

const TYPES = new Set([
    "aws:ec2/instance:Instance",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
]);

/** Decodes `userData` when it is base64 (launch templates require it), else returns it as is. */
function decodeUserData(value: string): string {
    const v = value.trim();
    if (
        /^[A-Za-z0-9+/\s]+={0,2}$/.test(v) &&
        v.replace(/\s/g, "").length % 4 === 0 &&
        v.length >= 8
    ) {
        const text = Buffer.from(v, "base64").toString("utf8");
        if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text)) {
            return text;
        }
    }
    return value;
}

/** User data is readable by anything on the instance that can reach the metadata service. */
export const disallowSecretUserData: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that EC2 instances and launch templates hold no secrets in their user data.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove the secret from the script; give the instance a role and fetch the secret at boot from Vault (AWS auth method) or Secrets Manager.",
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        if (!TYPES.has(args.type)) {
            return;
        }
        for (const field of ["userData", "userDataBase64"]) {
            const raw = args.props[field];
            if (typeof raw !== "string" || raw === "") {
                continue;
            }
            const finding = await scanValue(decodeUserData(raw), field);
            if (finding?.confidence === "high") {
                const kind = args.type.endsWith(":LaunchTemplate")
                    ? "Launch template"
                    : "EC2 instance";
                reportViolation(
                    `${kind} "${args.name}" \`${field}\` holds a secret (${describeFinding(finding)}); fetch it at boot from Vault's AWS auth method or Secrets Manager using the instance role instead.`,
                );
            }
        }
    },
};
