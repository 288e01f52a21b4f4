// The Analyzer protocol as plain objects, and their conversion to and from the generated messages
// of @pulumi/pulumi/proto (analyzer.proto). No I/O here: host.ts makes the calls.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import type { EnforcementLevel, PolicyConfig, PolicyInfoForConfig } from "./config";
import type { Wire } from "./wire";

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerpb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerpb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerpb.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerpb.EnforcementLevel.DISABLED]: "disabled",
};
const LEVEL_CODES: Record<EnforcementLevel, analyzerpb.EnforcementLevel> = {
    advisory: analyzerpb.EnforcementLevel.ADVISORY,
    mandatory: analyzerpb.EnforcementLevel.MANDATORY,
    remediate: analyzerpb.EnforcementLevel.REMEDIATE,
    disabled: analyzerpb.EnforcementLevel.DISABLED,
};
const SEVERITIES: Record<number, string> = {
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export interface PolicyInfo extends PolicyInfoForConfig {
    displayName: string;
    description: string;
    severity: string;
    tags: string[];
    remediationSteps: string;
    url: string;
    kind: "resource" | "stack";
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, PolicyConfig>;
}

/** A resource as an analyzer sees it (plugin.AnalyzerResource / AnalyzerStackResource). */
export interface AnalyzerResource {
    urn: string;
    type: string;
    name: string;
    properties: Record<string, Wire>;
    options: {
        protect?: boolean;
        ignoreChanges?: string[];
        additionalSecretOutputs?: string[];
        aliases?: string[];
        parent?: string;
    };
    provider?: { urn: string; type: string; name: string; properties: Record<string, Wire> };
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: string;
    urn: string;
}

export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: { policyName: string; reason: string }[];
}

export interface RemediationResult {
    policyName: string;
    description: string;
    properties?: Record<string, Wire>;
    diagnostic: string;
}

function struct(value: Record<string, Wire>): Struct {
    return Struct.fromJavaScript(value as any);
}

/** GetAnalyzerInfo's answer, policies sorted by name. */
export function analyzerInfo(res: analyzerpb.AnalyzerInfo): AnalyzerInfo {
    const supportsConfig = res.getSupportsconfig();
    const policies: PolicyInfo[] = res.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        const properties = (schema?.getProperties()?.toJavaScript() ?? {}) as Record<
            string,
            Record<string, unknown>
        >;
        return {
            name: p.getName(),
            displayName: p.getDisplayname(),
            description: p.getDescription(),
            enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
            severity: SEVERITIES[p.getSeverity()] ?? "",
            tags: p.getTagsList(),
            remediationSteps: p.getRemediationSteps(),
            url: p.getUrl(),
            kind:
                p.getPolicyType() === analyzerpb.PolicyType.POLICY_TYPE_STACK
                    ? "stack"
                    : "resource",
            configSchema: supportsConfig
                ? { properties, required: schema?.getRequiredList() ?? [] }
                : undefined,
        };
    });
    policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const initialConfig: Record<string, PolicyConfig> = {};
    res.getInitialconfigMap().forEach((v, k) => {
        initialConfig[k] = {
            enforcementLevel: LEVELS[v.getEnforcementlevel()],
            properties: (v.getProperties()?.toJavaScript() ?? undefined) as
                Record<string, unknown> | undefined,
        };
    });
    return {
        name: res.getName(),
        displayName: res.getDisplayname(),
        version: res.getVersion(),
        supportsConfig,
        policies,
        initialConfig,
    };
}

/** A Configure request: each policy's enforcement level and properties. */
export function configureRequest(
    config: Record<string, PolicyConfig>,
): analyzerpb.ConfigureAnalyzerRequest {
    const req = new analyzerpb.ConfigureAnalyzerRequest();
    for (const [name, c] of Object.entries(config)) {
        const pc = new analyzerpb.PolicyConfig();
        pc.setEnforcementlevel(LEVEL_CODES[c.enforcementLevel ?? "advisory"]);
        pc.setProperties(struct((c.properties ?? {}) as Record<string, Wire>));
        req.getPolicyconfigMap().set(name, pc);
    }
    return req;
}

/** The request of Analyze and Remediate for one resource. */
export function analyzeRequest(r: AnalyzerResource): analyzerpb.AnalyzeRequest {
    return describe(new analyzerpb.AnalyzeRequest(), r);
}

/** The request of AnalyzeStack: every resource with its parent and dependencies. */
export function analyzeStackRequest(resources: AnalyzerResource[]): analyzerpb.AnalyzeStackRequest {
    const req = new analyzerpb.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map((r) => {
            const ar = describe(new analyzerpb.AnalyzerResource(), r);
            ar.setParent(r.parent ?? "");
            ar.setDependenciesList(r.dependencies ?? []);
            for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
                if (urns.length > 0) {
                    const deps = new analyzerpb.AnalyzerPropertyDependencies();
                    deps.setUrnsList(urns);
                    ar.getPropertydependenciesMap().set(k, deps);
                }
            }
            return ar;
        }),
    );
    return req;
}

/** Remediate's answer. */
export function remediations(res: analyzerpb.RemediateResponse): RemediationResult[] {
    return res.getRemediationsList().map((m) => ({
        policyName: m.getPolicyname(),
        description: m.getDescription(),
        properties: m.getProperties()?.toJavaScript() as Record<string, Wire> | undefined,
        diagnostic: m.getDiagnostic(),
    }));
}

/** The fields an Analyze request and a stack resource share: what the resource is and has. */
function describe<M extends analyzerpb.AnalyzeRequest | analyzerpb.AnalyzerResource>(
    msg: M,
    r: AnalyzerResource,
): M {
    msg.setUrn(r.urn);
    msg.setType(r.type);
    msg.setName(r.name);
    msg.setProperties(struct(r.properties));
    msg.setOptions(options(r.options));
    if (r.provider) {
        msg.setProvider(provider(r.provider));
    }
    return msg;
}

function options(o: AnalyzerResource["options"]): analyzerpb.AnalyzerResourceOptions {
    const opts = new analyzerpb.AnalyzerResourceOptions();
    opts.setProtect(o.protect ?? false);
    opts.setIgnorechangesList(o.ignoreChanges ?? []);
    opts.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
    opts.setAliasesList(o.aliases ?? []);
    opts.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
    opts.setParent(o.parent ?? "");
    return opts;
}

function provider(
    p: NonNullable<AnalyzerResource["provider"]>,
): analyzerpb.AnalyzerProviderResource {
    const pr = new analyzerpb.AnalyzerProviderResource();
    pr.setUrn(p.urn);
    pr.setType(p.type);
    pr.setName(p.name);
    pr.setProperties(struct(p.properties));
    return pr;
}

/** Analyze's and AnalyzeStack's answer. */
export function analyzeResult(res: analyzerpb.AnalyzeResponse): AnalyzeResult {
    return {
        diagnostics: res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
            severity: SEVERITIES[d.getSeverity()] ?? "",
            urn: d.getUrn(),
        })),
        notApplicable: res
            .getNotApplicableList()
            .map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
    };
}
