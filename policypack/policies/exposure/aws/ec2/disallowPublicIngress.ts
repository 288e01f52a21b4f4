import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    type IngressPermission,
    SENSITIVE_PORTS,
    isInternetCidr,
    openedPorts,
    sensitivePortsIn,
} from "../../../../lib/exposure";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { quoteList } from "../../../../lib/iam/wording";
import { isInside } from "../../../../lib/urn";

const NAME = "aws-ec2-securitygroup-disallow-public-ingress";

export interface DisallowPublicIngressConfig {
    sensitivePorts?: number[];
}

/** The ingress permissions of the three resource shapes; empty for anything else. */
function ingressOf(type: string, props: Record<string, any>): IngressPermission[] {
    switch (type) {
        case "aws:ec2/securityGroup:SecurityGroup":
            return asArray(props.ingress).map((r, i) => {
                const rule = asObject(r);
                return {
                    place: ` ingress[${i}]`,
                    protocol: rule.protocol,
                    fromPort: rule.fromPort,
                    toPort: rule.toPort,
                    cidrs: [...asArray(rule.cidrBlocks), ...asArray(rule.ipv6CidrBlocks)],
                };
            });
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return props.type === "ingress"
                ? [
                      {
                          place: "",
                          protocol: props.protocol,
                          fromPort: props.fromPort,
                          toPort: props.toPort,
                          cidrs: [...asArray(props.cidrBlocks), ...asArray(props.ipv6CidrBlocks)],
                      },
                  ]
                : [];
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [
                {
                    place: "",
                    protocol: props.ipProtocol,
                    fromPort: props.fromPort,
                    toPort: props.toPort,
                    cidrs: [props.cidrIpv4, props.cidrIpv6],
                },
            ];
        default:
            return [];
    }
}

/**
 * Components whose security groups front only a load balancer, which answers on its listeners alone
 * (awsx's ApplicationLoadBalancer opens its default group on every port; its listeners are judged
 * by the transport rules).
 */
const LOAD_BALANCER_COMPONENTS = ["awsx:lb:ApplicationLoadBalancer"];

const SUBJECTS: Record<string, string> = {
    "aws:ec2/securityGroup:SecurityGroup": "Security group",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "Security group rule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "Security group ingress rule",
};

/**
 * A database, cache, broker or administration port open to `0.0.0.0/0` or `::/0` makes the
 * personal data behind it accessible to an indefinite number of people (Article 25(2)), one weak
 * password or unpatched service away from a breach. Ingress from the internet is for web ports in
 * front of TLS; data stores and admin ports admit the security groups or ranges that use them.
 */
export const disallowPublicIngress: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that security groups do not admit the whole internet on data-store or administration ports.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Admit the client's security group (`sourceSecurityGroupId` / `securityGroups`) or the VPC's CIDR instead of `0.0.0.0/0` and `::/0`; reach admin ports through SSM Session Manager or a bastion.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            sensitivePorts: {
                type: "array",
                items: { type: "integer", minimum: 0, maximum: 65535 },
                default: Object.keys(SENSITIVE_PORTS).map(Number),
                description:
                    "Ports that must not admit 0.0.0.0/0 or ::/0: data stores, brokers and administration (SSH, RDP, Kubernetes API, etcd). A rule for protocol -1 or a port range that includes one is reported too.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const subject = SUBJECTS[args.type];
        if (!subject || isInside(args.urn, LOAD_BALANCER_COMPONENTS)) {
            return;
        }
        const ports = args.getConfig<DisallowPublicIngressConfig>().sensitivePorts ?? [];
        for (const p of ingressOf(args.type, args.props)) {
            const opened = openedPorts(p);
            if (!opened) {
                continue;
            }
            const open = p.cidrs.filter(isInternetCidr) as string[];
            if (open.length === 0) {
                continue;
            }
            const hit = sensitivePortsIn(opened.from, opened.to, ports);
            if (hit.length === 0) {
                continue;
            }
            const range = opened.all
                ? "every port (protocol -1)"
                : opened.from === opened.to
                  ? `port ${opened.from}`
                  : `ports ${opened.from}-${opened.to}`;
            reportViolation(
                `${subject} "${args.name}"${p.place} admits ${quoteList(open)} on ${range}, which ${hit.length === 1 && !opened.all && opened.from === opened.to ? "is" : "include"} ${hit.slice(0, 5).join(", ")}${hit.length > 5 ? ` and ${hit.length - 5} more` : ""}, so anyone on the internet can reach the data store or admin service behind it; admit the client's security group or the VPC range instead.`,
            );
        }
    },
};
