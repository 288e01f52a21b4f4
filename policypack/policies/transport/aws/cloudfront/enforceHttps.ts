import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-cloudfront-distribution-enforce-https";

const VIEWER_OK = new Set(["redirect-to-https", "https-only"]);

function quoted(value: unknown): string {
    return typeof value === "string" ? `"${value}"` : "no value";
}

/**
 * A CDN terminates the client's connection and opens another to the origin (Article 32(1)(a)): both
 * legs use HTTPS — viewers never on `allow-all`, custom origins `https-only` with TLS 1.2 only, and
 * a viewer certificate whose minimum protocol is TLS 1.2.
 */
export const enforceHttps: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that CloudFront distributions use HTTPS to viewers and origins with TLS 1.2 or later.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Set every cache behavior\'s `viewerProtocolPolicy` to `redirect-to-https` or `https-only`, every custom origin\'s `originProtocolPolicy` to `https-only` with `originSslProtocols: ["TLSv1.2"]`, and use an ACM viewer certificate with `minimumProtocolVersion: "TLSv1.2_2021"`.',
    url: ruleUrl(NAME),
    validateResource: ofType(
        "aws:cloudfront/distribution:Distribution",
        (args, reportViolation) => {
            const subject = `CloudFront distribution "${args.name}"`;
            const behaviors: { place: string; behavior: Record<string, any> }[] = [
                {
                    place: "the default cache behavior",
                    behavior: asObject(args.props.defaultCacheBehavior),
                },
                ...asArray(args.props.orderedCacheBehaviors).map((b, i) => {
                    const behavior = asObject(b);
                    const path =
                        typeof behavior.pathPattern === "string"
                            ? ` "${behavior.pathPattern}"`
                            : "";
                    return { place: `cache behavior #${i}${path}`, behavior };
                }),
            ];
            for (const { place, behavior } of behaviors) {
                const policy = behavior.viewerProtocolPolicy;
                if (typeof policy !== "string" || !VIEWER_OK.has(policy)) {
                    reportViolation(
                        `${subject} ${place} has viewerProtocolPolicy ${quoted(policy)}, so viewers can send personal data over plain HTTP; it should be "redirect-to-https" or "https-only".`,
                    );
                }
            }
            asArray(args.props.origins).forEach((o, i) => {
                const origin = asObject(o);
                const id = typeof origin.originId === "string" ? `"${origin.originId}"` : `#${i}`;
                if (origin.customOriginConfig === undefined) {
                    return;
                }
                const custom = asObject(origin.customOriginConfig);
                if (custom.originProtocolPolicy !== "https-only") {
                    reportViolation(
                        `${subject} origin ${id} has originProtocolPolicy ${quoted(custom.originProtocolPolicy)}, so CloudFront may fetch personal data from it over plain HTTP; it should be "https-only".`,
                    );
                }
                const weak = asArray(custom.originSslProtocols).filter(
                    (p): p is string => typeof p === "string" && !/^TLSv1\.[23]$/.test(p),
                );
                if (weak.length > 0) {
                    reportViolation(
                        `${subject} origin ${id} allows ${weak.map((p) => `"${p}"`).join(", ")} in originSslProtocols; it should allow only TLS 1.2 or later: set \`originSslProtocols: ["TLSv1.2"]\`.`,
                    );
                }
            });
            const cert = asObject(args.props.viewerCertificate);
            const min = cert.minimumProtocolVersion;
            if (cert.cloudfrontDefaultCertificate === true) {
                reportViolation(
                    `${subject} uses the default CloudFront certificate, which accepts TLS 1.0 from viewers; it should use an ACM certificate with \`minimumProtocolVersion: "TLSv1.2_2021"\`.`,
                );
            } else if (typeof min !== "string" || !/^TLSv1\.[23]_/.test(min)) {
                reportViolation(
                    `${subject} has viewer certificate minimumProtocolVersion ${quoted(min)}, which accepts TLS older than 1.2; it should be "TLSv1.2_2021".`,
                );
            }
        },
    ),
};
