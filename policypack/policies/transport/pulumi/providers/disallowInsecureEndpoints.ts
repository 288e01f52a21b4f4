import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject, isTrue } from "../../../../lib/read";
import { parseUrl, shownAddress } from "../../../../lib/urls";
import { ofType } from "../../../../lib/ofType";

const NAME = "pulumi-providers-aws-disallow-insecure-endpoints";

/**
 * Every AWS API call of the deployment carries signed requests and often personal data
 * (Article 32(1)(a)): custom `endpoints` of an AWS provider are `https://`, and `insecure` (skip TLS
 * verification) is never true.
 */
export const disallowInsecureEndpoints: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that AWS providers use https:// custom endpoints and verify TLS.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps: "Use `https://` URLs in `aws:endpoints` and remove `aws:insecure`.",
    url: ruleUrl(NAME),
    validateResource: ofType("pulumi:providers:aws", (args, reportViolation) => {
        const subject = `AWS provider "${args.name}"`;
        if (isTrue(args.props.insecure)) {
            reportViolation(
                `${subject} sets insecure true, so it skips TLS certificate verification for every AWS API call; it should verify: remove \`aws:insecure\`.`,
            );
        }
        let endpoints: unknown = args.props.endpoints;
        if (typeof endpoints === "string") {
            if (endpoints.trim() === "") {
                return;
            }
            try {
                endpoints = JSON.parse(endpoints);
            } catch {
                reportViolation(
                    `${subject} has \`endpoints\` that could not be parsed, so their transport cannot be verified; it should list \`https://\` endpoint URLs as a JSON list of objects.`,
                );
                return;
            }
        }
        const blocks = Array.isArray(endpoints)
            ? endpoints
            : endpoints === undefined || endpoints === null
              ? []
              : [endpoints];
        for (const block of blocks) {
            for (const [service, value] of Object.entries(asObject(block))) {
                if (typeof value !== "string" || value === "") {
                    continue;
                }
                const url = parseUrl(value);
                if (!url || url.scheme !== "https") {
                    reportViolation(
                        `${subject} endpoint "${service}" is "${shownAddress(value)}", not an \`https://\` URL, so its API calls cross the network in plaintext; it should use "https".`,
                    );
                }
            }
        }
    }),
};
