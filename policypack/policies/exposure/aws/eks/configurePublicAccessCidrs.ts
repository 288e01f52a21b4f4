import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isInternetCidr } from "../../../../lib/exposure";
import { quoteList } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";
import { isInside } from "../../../../lib/urn";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "aws-eks-cluster-configure-public-access-cidrs";

const EKS_COMPONENT = ["eks:index:Cluster"];

/**
 * Where the two cluster shapes keep their endpoint settings: the provider's `vpcConfig`, and the
 * `eks.Cluster` component's top-level inputs (`eks:index:Cluster`, pulumi-eks' schema). The
 * provider cluster the component builds is judged on the component's inputs, so once.
 */
function endpointOf(
    type: string,
    urn: string,
    props: Record<string, any>,
): { subject: string; place: string; settings: Record<string, any> } | undefined {
    if (type === "aws:eks/cluster:Cluster" && !isInside(urn, EKS_COMPONENT)) {
        return { subject: "EKS cluster", place: "vpcConfig.", settings: asObject(props.vpcConfig) };
    }
    if (type === "eks:index:Cluster") {
        return { subject: "eks.Cluster", place: "", settings: props };
    }
    return undefined;
}

/**
 * The Kubernetes API of a cluster that runs sync jobs reads every Secret and every pod's data;
 * with the public endpoint on (the default of both the provider and the `eks.Cluster` component)
 * and no `publicAccessCidrs`, the whole internet can try its credentials on it (Article 25(2)).
 * Advisory: a public endpoint limited to the office and CI ranges, or a private endpoint, is fine.
 */
export const configurePublicAccessCidrs: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that EKS clusters with a public API endpoint limit it with publicAccessCidrs narrower than the internet.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `endpointPublicAccess: false` with `endpointPrivateAccess: true` and reach the API from inside the VPC, or list the CI and office ranges in `publicAccessCidrs`.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const found = endpointOf(args.type, args.urn, args.props);
        if (!found) {
            return;
        }
        const { subject, place, settings } = found;
        const publicAccess: unknown = settings.endpointPublicAccess;
        if (publicAccess === false || publicAccess === "false") {
            return;
        }
        const cidrs = asArray(settings.publicAccessCidrs).filter((c) => typeof c === "string");
        const open = cidrs.filter(isInternetCidr);
        if (cidrs.length > 0 && open.length === 0) {
            return;
        }
        const state =
            publicAccess === undefined
                ? "leaves the public API endpoint on (the default)"
                : "turns the public API endpoint on";
        const limit =
            cidrs.length === 0
                ? `with no \`${place}publicAccessCidrs\` (AWS admits 0.0.0.0/0)`
                : `with \`${place}publicAccessCidrs\` ${quoteList(open)}`;
        reportViolation(
            `${subject} "${args.name}" ${state} ${limit}, so anyone on the internet can reach the Kubernetes API that reads every Secret of the sync jobs; set \`${place}endpointPublicAccess: false\` or list the CI and office ranges in \`${place}publicAccessCidrs\`.`,
        );
    },
};
