import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    allowStatements,
    conditionEntries,
    oidcIssuer,
    principalValues,
} from "../../../../lib/iam/document";
import { trustPolicyDocument } from "../../../../lib/iam/locate";
import { describeStatement } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-role-enforce-irsa-conditions";

const SERVICE_ACCOUNT =
    /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;
const POSITIVE_STRING = /^(ForAnyValue:|ForAllValues:)?String(Equals|Like)$/i;

/**
 * A role assumed through a cluster's OIDC provider (IRSA) belongs to one service account: its trust
 * pins `<issuer>:sub` to exactly `system:serviceaccount:<namespace>:<name>` and `<issuer>:aud` to
 * `sts.amazonaws.com`, or every pod of the cluster can take the sync job's permissions (Article 25(2)).
 */
export const enforceIrsaConditions: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that IAM roles trusted through an OIDC provider pin ":sub" to one exact service account and ":aud" to "sts.amazonaws.com".',
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        'Add `StringEquals: { "<issuer>:sub": "system:serviceaccount:<namespace>:<name>", "<issuer>:aud": "sts.amazonaws.com" }` to the trust statement, or build the role with the `LeastPrivilegeRole` component.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const fix = (issuer: string) =>
            `pin it with StringEquals "${issuer}:sub" = "system:serviceaccount:<namespace>:<name>" and "${issuer}:aud" = "sts.amazonaws.com" (LeastPrivilegeRole does).`;
        // An unreadable trust policy is reported once, by aws-iam-role-disallow-public-trust.
        const found = trustPolicyDocument(args.type, args.props);
        for (const { label, statement: s } of allowStatements(args.type, args.name, found)) {
            for (const federated of principalValues(s.principal, "Federated")) {
                const issuer = oidcIssuer(federated);
                if (issuer === undefined) {
                    continue;
                }
                const where = `${label} ${describeStatement(s)}`;
                const subs = conditionEntries(s, `${issuer}:sub`).filter((e) =>
                    POSITIVE_STRING.test(e.operator),
                );
                const subValues = subs.flatMap((e) => e.values);
                if (subValues.length === 0) {
                    reportViolation(
                        `${where} trusts OIDC provider "${federated}" without a "${issuer}:sub" condition; every service account of the cluster could assume the role, so ${fix(issuer)}`,
                    );
                }
                for (const value of subValues) {
                    if (/[*?]/.test(value)) {
                        reportViolation(
                            `${where} pins "${issuer}:sub" with the wildcard "${value}"; every matching service account could assume the role, so ${fix(issuer)}`,
                        );
                    } else if (!SERVICE_ACCOUNT.test(value)) {
                        reportViolation(
                            `${where} pins "${issuer}:sub" to "${value}", which is not one service account; the subject should read "system:serviceaccount:<namespace>:<name>", so ${fix(issuer)}`,
                        );
                    }
                }
                const auds = conditionEntries(s, `${issuer}:aud`)
                    .filter((e) => POSITIVE_STRING.test(e.operator))
                    .flatMap((e) => e.values);
                if (auds.length === 0) {
                    reportViolation(
                        `${where} trusts OIDC provider "${federated}" without a "${issuer}:aud" condition; tokens minted for other audiences could assume the role, so ${fix(issuer)}`,
                    );
                }
                for (const value of auds) {
                    if (value !== "sts.amazonaws.com") {
                        reportViolation(
                            `${where} pins "${issuer}:aud" to "${value}"; the audience should be exactly "sts.amazonaws.com", so ${fix(issuer)}`,
                        );
                    }
                }
            }
        }
    },
};
