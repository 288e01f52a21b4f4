// What the offline program runner answers in place of cloud providers: computed outputs for new
// resources (deterministic, derived from the URN, so two runs of one program give one snapshot)
// and the invokes real programs make most. An invoke it cannot answer is left to the runner, which
// makes its result unknown.
import { createHash } from "node:crypto";
import YAML from "yaml";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "./wire";

export interface MockContext {
    region: string;
    account: string;
    preview: boolean;
}

export function hash(s: string, len: number): string {
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
        // `status` is the cluster's to write (load-balancer ingress, replicas, conditions): nothing
        // a program builds from it can be known before deploy, so it stays unknown in every mode.
        return {
            id: ns ? `${ns}/${metadata.name}` : String(metadata.name),
            outputs: { metadata, status: UNKNOWN },
        };
    }
    if (pkg === "random") {
        return randomOutputs(resource, urn, inputs);
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
        case "rds/instance": {
            const port = inputs.port ?? defaultPort(inputs.engine);
            const address = `${physical}.${hash(urn, 12)}.${region}.rds.amazonaws.com`;
            return {
                id: physical,
                outputs: {
                    identifier: physical,
                    arn: regional("rds", `db:${physical}`),
                    address,
                    endpoint: `${address}:${port}`,
                    port,
                    resourceId: `db-${hash(urn, 26).toUpperCase()}`,
                },
            };
        }
        case "rds/cluster": {
            const port = inputs.port ?? defaultPort(inputs.engine);
            const host = `${physical}.cluster-${hash(urn, 12)}.${region}.rds.amazonaws.com`;
            return {
                id: physical,
                outputs: {
                    clusterIdentifier: physical,
                    arn: regional("rds", `cluster:${physical}`),
                    endpoint: host,
                    readerEndpoint: host.replace(".cluster-", ".cluster-ro-"),
                    port,
                },
            };
        }
        case "ecr/repository":
            return {
                id: physical,
                outputs: {
                    name: physical,
                    arn: regional("ecr", `repository/${physical}`),
                    registryId: account,
                    repositoryUrl: `${account}.dkr.ecr.${region}.amazonaws.com/${physical}`,
                },
            };
        case "eks/cluster": {
            const id = hash(urn, 32).toUpperCase();
            return {
                id: physical,
                outputs: {
                    name: physical,
                    arn: regional("eks", `cluster/${physical}`),
                    endpoint: `https://${id}.gr7.${region}.eks.amazonaws.com`,
                    certificateAuthority: { data: Buffer.from("offline-ca").toString("base64") },
                    identities: [
                        {
                            oidcs: [
                                { issuer: `https://oidc.eks.${region}.amazonaws.com/id/${id}` },
                            ],
                        },
                    ],
                },
            };
        }
        case "ec2/vpc":
        case "ec2/subnet":
        case "ec2/securityGroup":
        case "ec2/internetGateway":
        case "ec2/natGateway":
        case "ec2/routeTable":
        case "ec2/instance": {
            const prefix = {
                vpc: "vpc",
                subnet: "subnet",
                securityGroup: "sg",
                internetGateway: "igw",
                natGateway: "nat",
                routeTable: "rtb",
                instance: "i",
            }[resource]!;
            const id = ec2Id(prefix, urn);
            const outputs: Record<string, unknown> = {
                arn: regional(
                    "ec2",
                    `${kind.replace(/^./, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}/${id}`,
                ),
                ownerId: account,
            };
            if (resource === "instance") {
                outputs.privateIp = `10.0.${parseInt(hash(urn, 2), 16)}.${parseInt(hash(`${urn}/ip`, 2), 16)}`;
                outputs.privateDns = `ip-${String(outputs.privateIp).replace(/\./g, "-")}.ec2.internal`;
            }
            return { id, outputs };
        }
        case "cloudfront/distribution":
            return {
                id: `E${hash(urn, 13).toUpperCase()}`,
                outputs: {
                    arn: `arn:aws:cloudfront::${account}:distribution/E${hash(urn, 13).toUpperCase()}`,
                    domainName: `d${hash(urn, 13)}.cloudfront.net`,
                    hostedZoneId: "Z2FDTNDATAQYW2",
                },
            };
        case "apigateway/restApi":
            return {
                id: hash(urn, 10),
                outputs: {
                    rootResourceId: hash(`${urn}/root`, 10),
                    executionArn: regional("execute-api", hash(urn, 10)),
                    arn: `arn:aws:apigateway:${region}::/restapis/${hash(urn, 10)}`,
                },
            };
        case "apigatewayv2/api":
            return {
                id: hash(urn, 10),
                outputs: {
                    apiEndpoint: `https://${hash(urn, 10)}.execute-api.${region}.amazonaws.com`,
                    executionArn: regional("execute-api", hash(urn, 10)),
                    arn: `arn:aws:apigateway:${region}::/apis/${hash(urn, 10)}`,
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

/** The port an RDS engine listens on unless told otherwise. */
function defaultPort(engine: unknown): number {
    const e = String(engine ?? "");
    return /postgres/.test(e) ? 5432 : /sqlserver/.test(e) ? 1433 : /oracle/.test(e) ? 1521 : 3306;
}

/** `length` characters drawn from `alphabet`, derived from `seed`: the same on every run. */
function derived(seed: string, length: number, alphabet: string): string {
    let out = "";
    for (let i = 0; out.length < length; i++) {
        for (const byte of createHash("sha256").update(`${seed}/${i}`).digest()) {
            out += alphabet[byte % alphabet.length];
        }
    }
    return out.slice(0, length);
}

/**
 * What the random provider computes. A password is a secret (the provider marks `result` and
 * `bcryptHash` secret); the values are derived from the URN, so a check is repeatable.
 */
function randomOutputs(
    resource: string,
    urn: string,
    inputs: Record<string, any>,
): { id: string; outputs: Record<string, unknown> } {
    const length = typeof inputs.length === "number" && inputs.length > 0 ? inputs.length : 16;
    const letters = "abcdefghijklmnopqrstuvwxyz";
    switch (resource) {
        case "randomPassword": {
            const alphabet = `${letters}${letters.toUpperCase()}0123456789${inputs.special === false ? "" : (inputs.overrideSpecial ?? "!#$%&*()-_=+[]{}<>:?")}`;
            const result = derived(urn, length, alphabet);
            return {
                id: "none",
                outputs: {
                    result: { [SIG_KEY]: SECRET_SIG, value: result },
                    bcryptHash: {
                        [SIG_KEY]: SECRET_SIG,
                        value: `$2a$10$${derived(`${urn}/bcrypt`, 53, letters)}`,
                    },
                },
            };
        }
        case "randomString": {
            const alphabet = `${inputs.lower === false ? "" : letters}${inputs.upper === false ? "" : letters.toUpperCase()}${inputs.numeric === false ? "" : "0123456789"}`;
            const result = derived(urn, length, alphabet || letters);
            return { id: result, outputs: { result } };
        }
        case "randomId": {
            const bytes = createHash("sha256")
                .update(urn)
                .digest()
                .subarray(0, Math.min(32, inputs.byteLength ?? 8));
            const b64Url = bytes.toString("base64url");
            return {
                id: b64Url,
                outputs: {
                    hex: bytes.toString("hex"),
                    b64Std: bytes.toString("base64"),
                    b64Url,
                    dec: BigInt(`0x${bytes.toString("hex")}`).toString(),
                },
            };
        }
        case "randomPet": {
            const words = [
                "brave",
                "calm",
                "eager",
                "fond",
                "keen",
                "tidy",
                "otter",
                "lynx",
                "heron",
            ];
            const n = typeof inputs.length === "number" ? inputs.length : 2;
            const parts = Array.from(
                { length: n },
                (_, i) => words[parseInt(hash(`${urn}/${i}`, 2), 16) % words.length],
            );
            const id = [inputs.prefix, ...parts].filter(Boolean).join(inputs.separator ?? "-");
            return { id, outputs: {} };
        }
        case "randomInteger": {
            const min = Number(inputs.min ?? 0);
            const max = Number(inputs.max ?? min + 100);
            const result = min + (parseInt(hash(urn, 8), 16) % Math.max(1, max - min + 1));
            return { id: String(result), outputs: { result } };
        }
        case "randomUuid": {
            const result = uuidFrom(urn);
            return { id: result, outputs: { result } };
        }
        default:
            return { id: hash(urn, 16), outputs: {} };
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

/** A secret in the wire form, as the provider marks its secret outputs. */
function secret(value: string): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** `prefix-` plus 17 hex digits from `seed`: the shape of EC2 ids (vpc-, subnet-, sg-, ami-). */
function ec2Id(prefix: string, seed: unknown): string {
    return `${prefix}-${hash(`${prefix}/${JSON.stringify(seed ?? null)}`, 17)}`;
}

function firstString(v: unknown): string | undefined {
    return typeof v === "string"
        ? v
        : Array.isArray(v) && typeof v[0] === "string"
          ? v[0]
          : undefined;
}

/**
 * The invokes answered offline, by token: plausible, deterministic results (the same inputs give
 * the same result on every run) in the shape the provider returns. Anything else is not answered
 * here (see {@link answerInvoke}).
 */
const INVOKES: Record<
    string,
    (inputs: Record<string, any>, ctx: MockContext) => Record<string, unknown> | undefined
> = {
    "aws:ssm/getParameter:getParameter": (inputs, ctx) => publicParameter(inputs, ctx),
    "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => renderPolicyDocument(inputs),
    "aws:index/getCallerIdentity:getCallerIdentity": (_, ctx) => ({
        accountId: ctx.account,
        arn: `arn:aws:sts::${ctx.account}:assumed-role/gdpr-guard-offline/check`,
        userId: "AROAOFFLINEGDPRGUARD:check",
        id: ctx.account,
    }),
    "aws:index/getRegion:getRegion": (inputs, ctx) => {
        const region = typeof inputs.name === "string" ? inputs.name : ctx.region;
        return {
            name: region,
            region,
            id: region,
            description: region,
            endpoint: `ec2.${region}.amazonaws.com`,
        };
    },
    "aws:index/getPartition:getPartition": () => ({
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
        id: "aws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_, ctx) => ({
        names: ["a", "b", "c"].map((z) => `${ctx.region}${z}`),
        zoneIds: ["az1", "az2", "az3"].map(
            (z) => `${ctx.region.replace(/-/g, "").slice(0, 4)}-${z}`,
        ),
        id: ctx.region,
    }),
    "aws:ec2/getAmi:getAmi": (inputs, ctx) => {
        const id = ec2Id("ami", inputs);
        return {
            id,
            imageId: id,
            arn: `arn:aws:ec2:${ctx.region}::image/${id}`,
            architecture: "x86_64",
            name: "offline-image",
            ownerId: firstString(inputs.owners) ?? ctx.account,
            rootDeviceName: "/dev/xvda",
            virtualizationType: "hvm",
        };
    },
    "aws:ec2/getAmiIds:getAmiIds": (inputs) => ({
        ids: [ec2Id("ami", inputs)],
        id: listId(inputs),
    }),
    "aws:ec2/getVpc:getVpc": (inputs, ctx) => {
        const id = typeof inputs.id === "string" ? inputs.id : ec2Id("vpc", inputs);
        return {
            id,
            arn: `arn:aws:ec2:${ctx.region}:${ctx.account}:vpc/${id}`,
            cidrBlock: typeof inputs.cidrBlock === "string" ? inputs.cidrBlock : "172.31.0.0/16",
            default: inputs.default === true,
            ownerId: ctx.account,
            state: "available",
            mainRouteTableId: ec2Id("rtb", id),
            dhcpOptionsId: ec2Id("dopt", id),
            instanceTenancy: "default",
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: inputs.tags ?? {},
        };
    },
    "aws:ec2/getVpcs:getVpcs": (inputs) => ({ ids: [ec2Id("vpc", inputs)], id: listId(inputs) }),
    "aws:ec2/getSubnets:getSubnets": (inputs) => subnetIds(inputs),
    // The form @pulumi/aws 5 and older programs call: the same list, with the VPC it was asked for.
    "aws:ec2/getSubnetIds:getSubnetIds": (inputs) => ({
        ...subnetIds(inputs),
        vpcId: inputs.vpcId,
    }),
    "aws:ec2/getSubnet:getSubnet": (inputs, ctx) => {
        const id = typeof inputs.id === "string" ? inputs.id : ec2Id("subnet", inputs);
        return {
            id,
            arn: `arn:aws:ec2:${ctx.region}:${ctx.account}:subnet/${id}`,
            vpcId: typeof inputs.vpcId === "string" ? inputs.vpcId : ec2Id("vpc", id),
            cidrBlock: "172.31.0.0/20",
            availabilityZone:
                typeof inputs.availabilityZone === "string"
                    ? inputs.availabilityZone
                    : `${ctx.region}a`,
            mapPublicIpOnLaunch: false,
            ownerId: ctx.account,
            state: "available",
        };
    },
    "aws:ec2/getSecurityGroup:getSecurityGroup": (inputs, ctx) => {
        const id = typeof inputs.id === "string" ? inputs.id : ec2Id("sg", inputs);
        return {
            id,
            arn: `arn:aws:ec2:${ctx.region}:${ctx.account}:security-group/${id}`,
            name: typeof inputs.name === "string" ? inputs.name : "default",
            vpcId: typeof inputs.vpcId === "string" ? inputs.vpcId : ec2Id("vpc", id),
            description: "offline security group",
        };
    },
    "aws:route53/getZone:getZone": (inputs) => {
        const zoneId =
            typeof inputs.zoneId === "string"
                ? inputs.zoneId
                : `Z${hash(JSON.stringify(inputs), 13).toUpperCase()}`;
        const name =
            typeof inputs.name === "string" ? inputs.name.replace(/\.$/, "") : "example.com";
        return {
            id: zoneId,
            zoneId,
            name,
            arn: `arn:aws:route53:::hostedzone/${zoneId}`,
            privateZone: inputs.privateZone === true,
            nameServers: [1, 2, 3, 4].map((i) => `ns-${i}.awsdns-offline.net`),
            resourceRecordSetCount: 2,
        };
    },
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": (inputs, ctx) => {
        const password = `offline-${hash(JSON.stringify(inputs), 24)}`;
        return {
            id: ctx.region,
            userName: "AWS",
            password: secret(password),
            authorizationToken: secret(Buffer.from(`AWS:${password}`).toString("base64")),
            proxyEndpoint: `https://${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com`,
            expiresAt: "2000-01-01T12:00:00Z",
        };
    },
    "aws:ecr/getRepository:getRepository": (inputs, ctx) => ({
        id: inputs.name,
        name: inputs.name,
        arn: `arn:aws:ecr:${ctx.region}:${ctx.account}:repository/${inputs.name}`,
        registryId: ctx.account,
        repositoryUrl: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/${inputs.name}`,
    }),
    "aws:eks/getCluster:getCluster": (inputs, ctx) => {
        const id = hash(`eks/${inputs.name}`, 32).toUpperCase();
        return {
            id: inputs.name,
            name: inputs.name,
            arn: `arn:aws:eks:${ctx.region}:${ctx.account}:cluster/${inputs.name}`,
            endpoint: `https://${id}.gr7.${ctx.region}.eks.amazonaws.com`,
            certificateAuthorities: [{ data: Buffer.from("offline-ca").toString("base64") }],
            identities: [
                { oidcs: [{ issuer: `https://oidc.eks.${ctx.region}.amazonaws.com/id/${id}` }] },
            ],
            roleArn: `arn:aws:iam::${ctx.account}:role/${inputs.name}-cluster`,
            version: "1.31",
            status: "ACTIVE",
        };
    },
    "aws:eks/getClusterAuth:getClusterAuth": (inputs) => ({
        id: inputs.name,
        name: inputs.name,
        token: secret(`k8s-aws-v1.offline-${hash(String(inputs.name), 16)}`),
    }),
    "aws:kms/getAlias:getAlias": (inputs, ctx) => {
        const keyId = uuidFrom(`alias/${inputs.name}`);
        return {
            id: `arn:aws:kms:${ctx.region}:${ctx.account}:${inputs.name}`,
            name: inputs.name,
            arn: `arn:aws:kms:${ctx.region}:${ctx.account}:${inputs.name}`,
            targetKeyId: keyId,
            targetKeyArn: `arn:aws:kms:${ctx.region}:${ctx.account}:key/${keyId}`,
        };
    },
    "aws:kms/getKey:getKey": (inputs, ctx) => {
        const keyId = /^[0-9a-f-]{36}$/.test(String(inputs.keyId))
            ? String(inputs.keyId)
            : uuidFrom(`key/${inputs.keyId}`);
        return {
            id: keyId,
            keyId,
            arn: `arn:aws:kms:${ctx.region}:${ctx.account}:key/${keyId}`,
            enabled: true,
            keyManager: "CUSTOMER",
            keyState: "Enabled",
            keyUsage: "ENCRYPT_DECRYPT",
        };
    },
    "aws:acm/getCertificate:getCertificate": (inputs, ctx) => {
        const id = uuidFrom(`acm/${inputs.domain}`);
        return {
            id: `arn:aws:acm:${ctx.region}:${ctx.account}:certificate/${id}`,
            arn: `arn:aws:acm:${ctx.region}:${ctx.account}:certificate/${id}`,
            domain: inputs.domain,
            status: "ISSUED",
        };
    },
    "aws:elb/getServiceAccount:getServiceAccount": () => ({
        id: "127311923021",
        arn: "arn:aws:iam::127311923021:root",
    }),
    "aws:iam/getRole:getRole": (inputs, ctx) => ({
        id: inputs.name,
        name: inputs.name,
        arn: `arn:aws:iam::${ctx.account}:role/${inputs.name}`,
        uniqueId: `AROA${hash(`role/${inputs.name}`, 17).toUpperCase()}`,
    }),
    "kubernetes:yaml:decode": (inputs) => ({
        result: YAML.parseAllDocuments(String(inputs.text ?? ""))
            .map((d) => d.toJSON())
            .filter((d) => d != null),
    }),
};

/** Three subnets for a subnet query, the same for the same filter. */
function subnetIds(inputs: Record<string, unknown>): { ids: string[]; id: string } {
    return { ids: [0, 1, 2].map((i) => ec2Id("subnet", [inputs, i])), id: listId(inputs) };
}

/**
 * AWS's public parameters, whose shape AWS documents: the latest ECS-, EKS-, Bottlerocket and
 * Amazon Linux AMIs under `/aws/service/` (awsx classic JSON.parses the ECS one). The account's own
 * parameters stay unanswered, so what is built from them is unknown.
 */
function publicParameter(
    inputs: Record<string, any>,
    ctx: MockContext,
): Record<string, unknown> | undefined {
    const name: unknown = inputs.name;
    if (typeof name !== "string" || !name.startsWith("/aws/service/")) {
        return undefined;
    }
    const ami = ec2Id("ami", name);
    let value: string;
    if (
        /\/image_id$/.test(name) ||
        /^\/aws\/service\/ami-(amazon-linux|windows)-latest\//.test(name)
    ) {
        value = ami;
    } else if (/\/(ecs|eks)\/optimized-ami\/.+\/recommended$/.test(name)) {
        value = JSON.stringify({
            image_id: ami,
            image_name: "offline-optimized-image",
            os: "Amazon Linux 2",
            schema_version: 1,
        });
    } else {
        return undefined;
    }
    return {
        id: name,
        name,
        arn: `arn:aws:ssm:${ctx.region}::parameter${name}`,
        type: "String",
        value,
        insecureValue: value,
        version: 1,
        withDecryption: inputs.withDecryption ?? true,
    };
}

/** `id` of list invokes: a stable digest of the filter, as the provider derives it from the query. */
function listId(inputs: Record<string, unknown>): string {
    return hash(JSON.stringify(inputs), 12);
}

/** The tokens {@link answerInvoke} answers. */
export const ANSWERED_INVOKES: readonly string[] = Object.keys(INVOKES);

/** Answers an invoke, or returns undefined when gdpr-guard has no answer for its token. */
export function answerInvoke(
    token: string,
    inputs: Record<string, any>,
    ctx: MockContext,
): Record<string, unknown> | undefined {
    return INVOKES[token]?.(inputs, ctx);
}
