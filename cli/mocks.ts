// What the offline program runner answers in place of cloud providers: computed outputs for new
// resources (deterministic, derived from the URN, so two runs of one program give one snapshot)
// and the invokes real programs make. An invoke it cannot answer is an error naming the token.
import { createHash } from "node:crypto";
import YAML from "yaml";

export interface MockContext {
    region: string;
    account: string;
    preview: boolean;
}

function hash(s: string, len: number): string {
    return createHash("sha256").update(s).digest("hex").slice(0, len);
}

/** A UUID-shaped id derived from `s`: the same input gives the same id on every run. */
export function uuidFrom(s: string): string {
    const h = hash(s, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `aws:sqs/queue:Queue` → { pkg: "aws", module: "sqs", resource: "queue", kind: "Queue" }. */
function parseType(type: string): { pkg: string; module: string; resource: string; kind: string } {
    const [pkg = "", rest = "", kind = ""] = type.split(":");
    const [module = "", resource = ""] = rest.split("/");
    return { pkg, module, resource, kind };
}

/**
 * Outputs a provider would compute for a new resource. In preview, nothing: the runner returns
 * the inputs only and leaves computed outputs unknown, as a real preview does.
 */
export function computedOutputs(
    type: string,
    name: string,
    urn: string,
    inputs: Record<string, any>,
    ctx: MockContext,
): { id: string; outputs: Record<string, unknown> } {
    const { pkg, module, resource, kind } = parseType(type);
    const suffix = hash(urn, 7);
    if (pkg === "kubernetes") {
        const metadata = { ...(inputs.metadata ?? {}) };
        metadata.name ??= `${name}-${hash(urn, 8)}`;
        const ns = typeof metadata.namespace === "string" ? metadata.namespace : undefined;
        return { id: ns ? `${ns}/${metadata.name}` : String(metadata.name), outputs: { metadata } };
    }
    if (pkg !== "aws") {
        const id =
            typeof inputs.name === "string"
                ? inputs.name
                : typeof inputs.path === "string"
                  ? inputs.path
                  : `${name}-${suffix}`;
        return { id, outputs: {} };
    }
    const physical: string =
        typeof inputs.name === "string"
            ? inputs.name
            : typeof inputs.namePrefix === "string"
              ? `${inputs.namePrefix}${suffix}`
              : `${name}-${suffix}`;
    const { region, account } = ctx;
    const regional = (service: string, rest: string) =>
        `arn:aws:${service}:${region}:${account}:${rest}`;
    switch (`${module}/${resource}`) {
        case "sqs/queue": {
            const url = `https://sqs.${region}.amazonaws.com/${account}/${physical}`;
            return { id: url, outputs: { name: physical, arn: regional("sqs", physical), url } };
        }
        case "sns/topic":
            return {
                id: regional("sns", physical),
                outputs: { name: physical, arn: regional("sns", physical) },
            };
        case "kms/key": {
            const keyId = uuidFrom(urn);
            return { id: keyId, outputs: { keyId, arn: regional("kms", `key/${keyId}`) } };
        }
        case "kms/alias":
            return {
                id: physical,
                outputs: { arn: regional("kms", physical), targetKeyArn: inputs.targetKeyId },
            };
        case "iam/role":
            return {
                id: physical,
                outputs: {
                    name: physical,
                    arn: `arn:aws:iam::${account}:role/${physical}`,
                    uniqueId: `AROA${hash(urn, 17).toUpperCase()}`,
                },
            };
        case "iam/user":
            return {
                id: physical,
                outputs: {
                    name: physical,
                    arn: `arn:aws:iam::${account}:user/${physical}`,
                    uniqueId: `AIDA${hash(urn, 17).toUpperCase()}`,
                },
            };
        case "iam/group":
            return {
                id: physical,
                outputs: { name: physical, arn: `arn:aws:iam::${account}:group/${physical}` },
            };
        case "iam/policy": {
            const arn = `arn:aws:iam::${account}:policy/${physical}`;
            return {
                id: arn,
                outputs: { name: physical, arn, policyId: `ANPA${hash(urn, 17).toUpperCase()}` },
            };
        }
        case "iam/accessKey":
            // Shaped like a real key pair so that detectors see what a real program would hand on.
            return {
                id: `AKIA${hash(urn, 16).toUpperCase()}`,
                outputs: {
                    secret: Buffer.from(hash(`${urn}/secret`, 30), "hex").toString("base64"),
                },
            };
        case "iam/openIdConnectProvider":
            return {
                id: `arn:aws:iam::${account}:oidc-provider/${inputs.url ?? physical}`,
                outputs: { arn: `arn:aws:iam::${account}:oidc-provider/${inputs.url ?? physical}` },
            };
        case "s3/bucket":
        case "s3/bucketV2":
            return {
                id: inputs.bucket ?? physical,
                outputs: {
                    bucket: inputs.bucket ?? physical,
                    arn: `arn:aws:s3:::${inputs.bucket ?? physical}`,
                },
            };
        case "lb/loadBalancer":
        case "alb/loadBalancer":
            return {
                id: regional("elasticloadbalancing", `loadbalancer/app/${physical}/${suffix}`),
                outputs: {
                    arn: regional("elasticloadbalancing", `loadbalancer/app/${physical}/${suffix}`),
                    dnsName: `${physical}-${suffix}.${region}.elb.amazonaws.com`,
                },
            };
        case "lb/targetGroup":
        case "alb/targetGroup":
            return {
                id: regional("elasticloadbalancing", `targetgroup/${physical}/${suffix}`),
                outputs: {
                    arn: regional("elasticloadbalancing", `targetgroup/${physical}/${suffix}`),
                },
            };
        case "lambda/function":
            return {
                id: physical,
                outputs: {
                    arn: regional("lambda", `function:${physical}`),
                    invokeArn: regional("lambda", `function:${physical}`),
                },
            };
        case "secretsmanager/secret":
            return {
                id: regional("secretsmanager", `secret:${physical}-${suffix.slice(0, 6)}`),
                outputs: {
                    arn: regional("secretsmanager", `secret:${physical}-${suffix.slice(0, 6)}`),
                },
            };
        default: {
            const arn = regional(module, `${kind.toLowerCase()}/${physical}`);
            return { id: physical, outputs: { arn } };
        }
    }
}

type Statement = Record<string, any>;

function collapse(values: unknown): unknown {
    if (!Array.isArray(values)) {
        return values;
    }
    return values.length === 1 ? values[0] : values;
}

function renderPrincipals(principals: any[] | undefined): unknown {
    if (!Array.isArray(principals) || principals.length === 0) {
        return undefined;
    }
    if (principals.length === 1 && principals[0]?.type === "*") {
        return "*";
    }
    const out: Record<string, unknown[]> = {};
    for (const p of principals) {
        out[p.type] = [...(out[p.type] ?? []), ...(p.identifiers ?? [])];
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, collapse(v)]));
}

/**
 * Renders `aws.iam.getPolicyDocument` the way the provider does: `Effect` defaults to Allow,
 * single-element lists collapse to strings, conditions group by test, source documents first.
 */
export function renderPolicyDocument(args: Record<string, any>): {
    json: string;
    minifiedJson: string;
    id: string;
} {
    const statements: Statement[] = [];
    for (const src of args.sourcePolicyDocuments ?? []) {
        try {
            const doc = JSON.parse(src);
            statements.push(...(Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]));
        } catch {
            throw new Error(
                "aws.iam.getPolicyDocument: a sourcePolicyDocuments entry is not valid JSON",
            );
        }
    }
    for (const s of args.statements ?? []) {
        const st: Statement = {};
        if (s.sid) {
            st.Sid = s.sid;
        }
        st.Effect = s.effect ?? "Allow";
        for (const [from, to] of [
            ["actions", "Action"],
            ["notActions", "NotAction"],
            ["resources", "Resource"],
            ["notResources", "NotResource"],
        ] as const) {
            if (Array.isArray(s[from]) && s[from].length > 0) {
                st[to] = collapse(s[from]);
            }
        }
        const principal = renderPrincipals(s.principals);
        if (principal !== undefined) {
            st.Principal = principal;
        }
        const notPrincipal = renderPrincipals(s.notPrincipals);
        if (notPrincipal !== undefined) {
            st.NotPrincipal = notPrincipal;
        }
        if (Array.isArray(s.conditions) && s.conditions.length > 0) {
            const cond: Record<string, Record<string, unknown>> = {};
            for (const c of s.conditions) {
                cond[c.test] = { ...(cond[c.test] ?? {}), [c.variable]: collapse(c.values ?? []) };
            }
            st.Condition = cond;
        }
        const i = st.Sid ? statements.findIndex((x) => x.Sid === st.Sid) : -1;
        if (i >= 0) {
            statements[i] = st;
        } else {
            statements.push(st);
        }
    }
    const doc: Record<string, unknown> = { Version: args.version ?? "2012-10-17" };
    if (args.policyId) {
        doc.Id = args.policyId;
    }
    doc.Statement = statements;
    const minifiedJson = JSON.stringify(doc);
    return { json: JSON.stringify(doc, null, 2), minifiedJson, id: hash(minifiedJson, 10) };
}

/** Answers an invoke, or throws an error naming the token. */
export function answerInvoke(
    token: string,
    inputs: Record<string, any>,
    ctx: MockContext,
): Record<string, unknown> {
    switch (token) {
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return renderPolicyDocument(inputs);
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: ctx.account,
                arn: `arn:aws:sts::${ctx.account}:assumed-role/gdpr-guard-offline/check`,
                userId: "AROAOFFLINEGDPRGUARD:check",
                id: ctx.account,
            };
        case "aws:index/getRegion:getRegion":
            return {
                name: ctx.region,
                region: ctx.region,
                id: ctx.region,
                description: ctx.region,
                endpoint: `ec2.${ctx.region}.amazonaws.com`,
            };
        case "aws:index/getPartition:getPartition":
            return {
                partition: "aws",
                dnsSuffix: "amazonaws.com",
                reverseDnsPrefix: "com.amazonaws",
                id: "aws",
            };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return {
                names: ["a", "b", "c"].map((z) => `${ctx.region}${z}`),
                zoneIds: [],
                id: ctx.region,
            };
        case "kubernetes:yaml:decode": {
            const docs = YAML.parseAllDocuments(String(inputs.text ?? ""))
                .map((d) => d.toJSON())
                .filter((d) => d != null);
            return { result: docs };
        }
        default:
            throw new Error(
                `gdpr-guard check cannot answer the invoke "${token}" offline; run this program with the Pulumi CLI, or check its exported state with --state.`,
            );
    }
}
