// The Analyzer requests of one snapshot, built in one place as the engine builds them: per
// resource its properties (inputs for Analyze and Remediate, outputs for AnalyzeStack), its
// options and its provider's inputs; for the stack, parents and dependencies too.
import type { AnalyzerResource } from "./proto";
import { parseUrn, type ResourceState } from "./snapshot";
import { stateToWire, withoutInternalKeys, type Wire } from "./wire";

export class Requests {
    private readonly providers = new Map<string, ResourceState>();
    private readonly orders = new Map<string, number>();

    constructor(private readonly resources: ResourceState[]) {
        resources.forEach((r, i) => {
            this.orders.set(r.urn, i);
            if (r.type.startsWith("pulumi:providers:")) {
                this.providers.set(r.urn, r);
            }
        });
    }

    /** Where the resource with `urn` sits in the snapshot (reports keep that order); last if absent. */
    order(urn: string): number {
        return this.orders.get(urn) ?? this.resources.length;
    }

    /** The engine sends a provider's inputs with each resource, in Analyze and AnalyzeStack alike. */
    private provider(r: ResourceState): AnalyzerResource["provider"] {
        if (!r.provider) {
            return undefined;
        }
        const p = this.providers.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
        if (!p) {
            return undefined;
        }
        return {
            urn: p.urn,
            type: p.type,
            name: parseUrn(p.urn).name,
            properties: withoutInternalKeys(stateToWire(p.inputs ?? {}) as Record<string, Wire>),
        };
    }

    /** One resource as Analyze (`inputs`) or AnalyzeStack (`outputs`) receives it. */
    resource(
        r: ResourceState,
        which: "inputs" | "outputs",
        skipInternal: boolean,
    ): AnalyzerResource {
        const props = stateToWire(r[which] ?? {}) as Record<string, Wire>;
        return {
            urn: r.urn,
            type: r.type,
            name: parseUrn(r.urn).name,
            properties: skipInternal ? withoutInternalKeys(props) : props,
            options: {
                protect: r.protect,
                ignoreChanges: r.ignoreChanges,
                additionalSecretOutputs: r.additionalSecretOutputs,
                aliases: r.aliases,
                parent: r.parent,
            },
            provider: this.provider(r),
        };
    }

    /** Every resource as AnalyzeStack receives it: outputs, parent and dependencies. */
    stack(): AnalyzerResource[] {
        return this.resources.map((r) => ({
            ...this.resource(r, "outputs", true),
            parent: r.parent,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
        }));
    }
}
