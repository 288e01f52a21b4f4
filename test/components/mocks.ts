// Pulumi runtime mocks for component specs: import this module FIRST, then the components. Records
// every registered resource (type, name, inputs, parent) so specs can assert children's inputs.
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
    type: string;
    name: string;
    inputs: Record<string, any>;
    id: string;
}

export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const OIDC_ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
export const OIDC_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC_ISSUER}`;

const records: Registered[] = [];

/** Outputs a real provider would compute, so ARNs and URLs look like the real thing. */
function computed(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
    const n = typeof inputs.name === "string" ? inputs.name : name;
    switch (type) {
        case "aws:sqs/queue:Queue":
            return {
                arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${n}`,
                url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${n}`,
                name: n,
            };
        case "aws:kms/key:Key":
            return { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${name}`, keyId: name };
        case "aws:iam/role:Role":
            return { arn: `arn:aws:iam::${ACCOUNT}:role/${n}`, name: n };
        default:
            return {};
    }
}

// setMocks settles at once with these mocks; nothing here can reject it.
void pulumi.runtime.setMocks(
    {
        newResource(args: pulumi.runtime.MockResourceArgs) {
            const id = `${args.name}-id`;
            records.push({ type: args.type, name: args.name, inputs: args.inputs, id });
            return {
                id,
                state: { ...args.inputs, ...computed(args.type, args.name, args.inputs) },
            };
        },
        call(args: pulumi.runtime.MockCallArgs) {
            if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
                return {
                    accountId: ACCOUNT,
                    arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
                    userId: "AIDEXAMPLE",
                    id: ACCOUNT,
                };
            }
            return args.inputs;
        },
    },
    "gdpr-guard",
    "test",
    false,
);

/** Waits until no new resource has registered for a few ticks. */
export async function settle(): Promise<void> {
    let last = -1;
    let stable = 0;
    while (stable < 5) {
        await new Promise((r) => setTimeout(r, 10));
        if (records.length === last) {
            stable++;
        } else {
            stable = 0;
            last = records.length;
        }
    }
}

/** Resources registered since `mark` (a number from `mark()`). */
export function since(markAt: number): Registered[] {
    return records.slice(markAt);
}

export function mark(): number {
    return records.length;
}

/** The one resource of `type` named `name` registered since `markAt`; fails when absent. */
export function find(markAt: number, type: string, name: string): Registered {
    const r = since(markAt).find((x) => x.type === type && x.name === name);
    if (!r) {
        throw new Error(
            `no ${type} named "${name}" among: ${since(markAt)
                .map((x) => `${x.type} ${x.name}`)
                .join(", ")}`,
        );
    }
    return r;
}

/** The resolved value of an Output. */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/** Asserts `fn` throws a pulumi.ResourceError with exactly `message`. */
export function refusal(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        if (!pulumi.ResourceError.isInstance(e)) {
            throw e;
        }
        return (e as Error).message;
    }
    throw new Error("expected a ResourceError, but the component was built");
}

/**
 * Runs `build` and collects the program-failing errors that surface while its resources register
 * (an argument refused when its Output resolves rejects that input, which fails the program).
 */
export async function failuresOf(build: () => unknown): Promise<string[]> {
    const seen: string[] = [];
    const listener = (e: unknown) => seen.push(e instanceof Error ? e.message : String(e));
    const previous = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", listener);
    try {
        build();
        await settle();
    } finally {
        process.removeListener("unhandledRejection", listener);
        for (const l of previous) {
            process.on("unhandledRejection", l as (...args: any[]) => void);
        }
    }
    return [...new Set(seen)];
}
