// An IAM role for exactly one Kubernetes service account (IRSA), holding only the typed grants it
// is given: no wildcard actions, no wildcard resources, no privilege escalation (GDPR Article 25).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MAX_SESSION_DURATION_SECONDS } from "../policypack/lib/limits";
import { Checks } from "./internal";

/** One grant of the role's inline policy: these exact actions on these exact resources. */
export interface IamGrant {
    /** Exact IAM actions, e.g. `sqs:SendMessage`. No `*` anywhere. */
    readonly actions: string[];
    /** Exact resource ARNs (Outputs are checked when they resolve). No `*`. */
    readonly resources: pulumi.Input<string>[];
}

export interface LeastPrivilegeRoleArgs {
    /** ARN of the cluster's IAM OIDC provider (`arn:aws:iam::<account>:oidc-provider/<issuer>`). */
    readonly oidcProviderArn: pulumi.Input<string>;
    /** The one namespace of the service account that may assume the role (exact name). */
    readonly namespace: string;
    /** The one service account that may assume the role (exact name). */
    readonly serviceAccount: string;
    /** The typed grants; together they are the whole inline policy. */
    readonly grants: IamGrant[];
    /** An optional permissions boundary policy ARN. */
    readonly permissionsBoundaryArn?: pulumi.Input<string>;
    /** The role's name; generated from the component name when absent. */
    readonly roleName?: pulumi.Input<string>;
    /** Tags (e.g. `data-owner`, `data-category`). */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Actions that change who can do what; a sync job never needs them. */
const ESCALATION =
    /^(iam:(Create|Attach|Put|Update|Delete|Detach|Add|Remove|Set|Pass|Tag|Untag|Upload)\w*|sts:AssumeRole\w*|organizations:\w+|kms:(CreateGrant|PutKeyPolicy|ScheduleKeyDeletion|DisableKey)|lambda:(AddPermission|UpdateFunctionCode)|ec2:RunInstances|glue:UpdateDevEndpoint|cloudformation:CreateStack)$/i;
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;
const OIDC_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;

/**
 * An IAM role assumed through the cluster's OIDC provider by exactly one
 * `system:serviceaccount:<namespace>:<serviceAccount>` (audience `sts.amazonaws.com`), with
 * `maxSessionDuration` 3600 and an inline policy built from typed `{ actions, resources }` grants.
 */
export class LeastPrivilegeRole extends pulumi.ComponentResource {
    /** The role. */
    public readonly role: aws.iam.Role;
    /** Its inline policy. */
    public readonly policy: aws.iam.RolePolicy;
    /** The role's ARN (for the `eks.amazonaws.com/role-arn` annotation). */
    public readonly arn: pulumi.Output<string>;
    /** The subject the trust policy pins: `system:serviceaccount:<ns>:<sa>`. */
    public readonly subject: string;

    constructor(
        name: string,
        args: LeastPrivilegeRoleArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        const check = new Checks("LeastPrivilegeRole", name);
        const a = args ?? ({} as LeastPrivilegeRoleArgs);
        const namespace = check.dnsLabel("namespace", a.namespace);
        const serviceAccount = check.dnsLabel("serviceAccount", a.serviceAccount);
        if (
            a.oidcProviderArn === undefined ||
            (typeof a.oidcProviderArn === "string" && !OIDC_ARN.test(a.oidcProviderArn))
        ) {
            check.refuse(
                "oidcProviderArn",
                `is ${a.oidcProviderArn === undefined ? "missing" : `"${a.oidcProviderArn}"`}, not an IAM OIDC provider ARN`,
                "pass the cluster's OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)",
            );
        }
        if (!Array.isArray(a.grants) || a.grants.length === 0) {
            check.refuse(
                "grants",
                "is empty",
                "list the exact actions and resources the workload needs",
            );
        }
        a.grants.forEach((g, i) => {
            checkActions(check, `grants[${i}].actions`, g?.actions);
            if (!Array.isArray(g.resources) || g.resources.length === 0) {
                check.refuse(`grants[${i}].resources`, "is empty", "list the exact resource ARNs");
            }
            g.resources.forEach((r, j) => {
                if (typeof r === "string") {
                    checkResource(check, `grants[${i}].resources[${j}]`, r);
                }
            });
        });

        super("gdpr-guard:iam:LeastPrivilegeRole", name, {}, opts);
        const child = { parent: this };
        this.subject = `system:serviceaccount:${namespace}:${serviceAccount}`;
        const subject = this.subject;

        const issuer = pulumi.output(a.oidcProviderArn).apply((arn) => {
            const m = OIDC_ARN.exec(arn);
            if (!m) {
                check.refuse(
                    "oidcProviderArn",
                    `resolved to "${arn}", not an IAM OIDC provider ARN`,
                    "pass the cluster's OIDC provider ARN",
                );
            }
            return m![1];
        });
        const trust = pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ServiceAccountOnly",
                    Effect: "Allow",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Principal: { Federated: a.oidcProviderArn },
                    Condition: {
                        StringEquals: pulumi.all([issuer]).apply(([iss]) => ({
                            [`${iss}:sub`]: subject,
                            [`${iss}:aud`]: "sts.amazonaws.com",
                        })),
                    },
                },
            ],
        });
        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                name: a.roleName,
                assumeRolePolicy: trust,
                maxSessionDuration: MAX_SESSION_DURATION_SECONDS,
                permissionsBoundary: a.permissionsBoundaryArn,
                tags: a.tags,
            },
            child,
        );
        this.arn = this.role.arn;
        const statements = a.grants.map((g, i) => ({
            Sid: `Grant${i}`,
            Effect: "Allow",
            Action: [...g.actions],
            Resource: g.resources.map((r, j) =>
                pulumi.output(r).apply((arn) => {
                    checkResource(check, `grants[${i}].resources[${j}]`, arn);
                    return arn;
                }),
            ),
        }));
        this.policy = new aws.iam.RolePolicy(
            `${name}-policy`,
            {
                role: this.role.id,
                policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }),
            },
            child,
        );
        // Only plain values: a resource reference in a component's outputs cannot be read by policy packs.
        this.registerOutputs({ arn: this.arn, subject: this.subject });
    }
}

function checkActions(check: Checks, arg: string, actions: unknown): void {
    if (!Array.isArray(actions) || actions.length === 0) {
        check.refuse(arg, "is empty", 'list the exact actions, e.g. ["sqs:SendMessage"]');
    }
    for (const action of actions) {
        if (typeof action !== "string" || action.includes("*") || action.includes("?")) {
            check.refuse(
                arg,
                `holds the wildcard action ${JSON.stringify(action)}, which grants every present and future action it matches`,
                "list the exact actions the workload calls",
            );
        }
        if (!ACTION.test(action)) {
            check.refuse(
                arg,
                `holds "${action}", not an IAM action`,
                'write actions as "<service>:<Action>", e.g. "sqs:SendMessage"',
            );
        }
        if (ESCALATION.test(action)) {
            check.refuse(
                arg,
                `holds "${action}", which lets the holder change its own or others' permissions`,
                "leave identity and key administration to the platform team",
            );
        }
    }
}

function checkResource(check: Checks, arg: string, resource: unknown): void {
    if (
        typeof resource !== "string" ||
        resource.includes("*") ||
        resource.includes("?") ||
        !ARN.test(resource)
    ) {
        check.refuse(
            arg,
            `is ${JSON.stringify(resource)}, not one exact resource ARN`,
            "name the exact ARN (for a queue, its `arn` output)",
        );
    }
}
