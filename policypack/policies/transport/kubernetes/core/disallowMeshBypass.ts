import type { ResourceValidationPolicy } from "@pulumi/policy";
import { podTemplate } from "../../../../lib/k8s";
import { bypassAnnotations, injectionOptOuts } from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "kubernetes-core-podtemplate-disallow-mesh-bypass";

/**
 * A workload outside the mesh, or with ports excluded from interception, talks plaintext however
 * STRICT the namespace is (Article 32(1)(a)): pod templates may neither opt out of sidecar
 * injection nor exclude ports from the sidecar.
 */
export const disallowMeshBypass: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that workload pod templates neither opt out of mesh sidecar injection nor exclude ports from traffic interception.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Remove `sidecar.istio.io/inject: "false"`, `linkerd.io/inject: disabled` and the `excludeInboundPorts`/`excludeOutboundPorts`/`skip-*-ports` annotations from the pod template; build sync jobs with `SecureSyncJob`, which keeps them in the mesh.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const template = podTemplate(args.type, args.props);
        if (!template) {
            return;
        }
        const where = template.path === "" ? "" : ` pod template (\`${template.path}\`)`;
        const subject = `${template.kind} "${args.name}"${where}`;
        for (const optOut of injectionOptOuts(template.metadata)) {
            reportViolation(
                `${subject} opts out of mesh sidecar injection with ${optOut}, so its traffic leaves the pod without mTLS; it should stay in the mesh: remove the opt-out (SecureSyncJob does).`,
            );
        }
        for (const b of bypassAnnotations(template.metadata)) {
            reportViolation(
                `${subject} excludes ports "${b.value}" from the sidecar with annotation "${b.key}", so traffic on them bypasses mTLS; every port should go through the mesh: remove the annotation (SecureSyncJob does not set it).`,
            );
        }
    },
};
