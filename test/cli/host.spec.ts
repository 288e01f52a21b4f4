import * as assert from "node:assert/strict";
import * as path from "node:path";
import { AnalyzerHost } from "../../cli/host";
import type { AnalyzerInfo, AnalyzerResource } from "../../cli/proto";
import { reconcilePolicyPackConfig, parsePolicyPackConfig } from "../../cli/config";
import { UsageError } from "../../cli/errors";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../cli/wire";

const PACK = path.join(__dirname, "..", "fixtures", "test-pack");
const URN = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

function thing(
    name: string,
    properties: AnalyzerResource["properties"],
    extra: Partial<AnalyzerResource> = {},
): AnalyzerResource {
    return {
        urn: URN("test:index:Thing", name),
        type: "test:index:Thing",
        name,
        properties,
        options: {},
        ...extra,
    };
}

describe("analyzer host (against a real policy pack process)", function () {
    let host: AnalyzerHost;
    let info: AnalyzerInfo;

    before(async function () {
        host = await AnalyzerHost.start(PACK, { stack: "dev", project: "proj", dryRun: false });
        info = await host.getAnalyzerInfo();
        await host.configure(reconcilePolicyPackConfig(info.policies, info.initialConfig, {}));
    });

    after(async () => host?.close());

    it("reads the pack's name, version and policies with their metadata", () => {
        assert.equal(info.name, "host-test-pack");
        assert.equal(info.version, "2.3.4");
        assert.equal(info.supportsConfig, true);
        const bad = info.policies.find((p) => p.name === "test-thing-disallow-bad");
        assert.ok(bad);
        assert.equal(bad.enforcementLevel, "mandatory");
        assert.equal(bad.severity, "high");
        assert.deepEqual(bad.tags, ["transport", "gdpr-art-32"]);
        assert.equal(bad.remediationSteps, "Make it good.");
        assert.equal(
            info.policies.find((p) => p.name === "test-stack-enforce-links")?.kind,
            "stack",
        );
    });

    it("reports a violation with the policy, level and message", async () => {
        const { diagnostics } = await host.analyze(thing("t1", { bad: true }));
        const d = diagnostics.find((x) => x.policyName === "test-thing-disallow-bad");
        assert.ok(d);
        assert.equal(d.enforcementLevel, "mandatory");
        assert.equal(d.message, 'Checks that things are not bad.\nThing "t1" is bad.');
    });

    it("reports nothing for the compliant look-alike", async () => {
        const { diagnostics } = await host.analyze(thing("t2", { bad: false }));
        assert.deepEqual(
            diagnostics.map((d) => d.policyName),
            [],
        );
    });

    it("passes not-applicable reasons through", async () => {
        const res = await host.analyze({
            urn: URN("test:index:Other", "o"),
            type: "test:index:Other",
            name: "o",
            properties: {},
            options: {},
        });
        assert.deepEqual(res.notApplicable, [
            { policyName: "test-other-missing-applicability", reason: "not for others" },
        ]);
    });

    it("turns an unknown value into the framework's advisory, not a violation", async () => {
        const { diagnostics } = await host.analyze(thing("t3", { value: UNKNOWN }));
        const d = diagnostics.find((x) => x.policyName === "test-thing-enforce-known-value");
        assert.ok(d);
        assert.equal(d.enforcementLevel, "advisory");
        assert.match(
            d.message,
            /can't run policy 'test-thing-enforce-known-value'.*during preview/,
        );
    });

    it("hands a secret's plaintext to the policy, which reports without printing it", async () => {
        const { diagnostics } = await host.analyze(
            thing("t4", { password: { [SIG_KEY]: SECRET_SIG, value: "hunter22" } }),
        );
        const d = diagnostics.find((x) => x.policyName === "test-thing-configure-secret-length");
        assert.ok(d);
        assert.match(d.message, /password has 8 characters/);
        assert.doesNotMatch(d.message, /hunter22/);
    });

    it("sends the resource's provider with its inputs", async () => {
        const { diagnostics } = await host.analyze(
            thing(
                "t5",
                {},
                {
                    provider: {
                        urn: URN("pulumi:providers:test", "default"),
                        type: "pulumi:providers:test",
                        name: "default",
                        properties: { region: "eu-west-1" },
                    },
                },
            ),
        );
        assert.ok(
            diagnostics.some((d) =>
                d.message.endsWith('Thing "t5" provider pulumi:providers:test region eu-west-1.'),
            ),
        );
    });

    it("runs AnalyzeStack once with parents, dependencies and property dependencies", async () => {
        const parent = { ...thing("p", {}), type: "test:index:Component" };
        parent.urn = URN("test:index:Component", "p");
        const child = thing(
            "c",
            { size: 3 },
            {
                parent: parent.urn,
                dependencies: [URN("test:index:Thing", "d")],
                propertyDependencies: { size: [URN("test:index:Thing", "d")] },
            },
        );
        const dep = thing("d", {});
        const { diagnostics } = await host.analyzeStack([parent, child, dep]);
        const messages = diagnostics.map((d) => d.message.split("\n").pop());
        assert.deepEqual(messages.sort(), [
            "c depends on d.",
            "c is a child of p.",
            "c.size comes from d; size output 3.",
        ]);
        assert.ok(diagnostics.every((d) => d.urn === child.urn));
    });
});

describe("analyzer host configuration", function () {
    let host: AnalyzerHost;
    let info: AnalyzerInfo;

    before(async function () {
        host = await AnalyzerHost.start(PACK, { stack: "dev", project: "proj", dryRun: false });
        info = await host.getAnalyzerInfo();
    });

    after(async () => host?.close());

    async function sizeMessage(config: string): Promise<string | undefined> {
        await host.configure(
            reconcilePolicyPackConfig(
                info.policies,
                info.initialConfig,
                parsePolicyPackConfig(config, "test"),
            ),
        );
        const { diagnostics } = await host.analyze(thing("s", { size: 7 }));
        return diagnostics
            .find((d) => d.policyName === "test-thing-configure-threshold")
            ?.message.split("\n")
            .pop();
    }

    it("uses schema defaults when no config is given", async () => {
        assert.equal(await sizeMessage("{}"), 'Thing "s" size 7 exceeds 5 (mode fast).');
    });

    it("overrides a default from the config file", async () => {
        assert.equal(
            await sizeMessage(
                '{"test-thing-configure-threshold": {"threshold": 6, "mode": "slow"}}',
            ),
            'Thing "s" size 7 exceeds 6 (mode slow).',
        );
        assert.equal(
            await sizeMessage('{"test-thing-configure-threshold": {"threshold": 10}}'),
            undefined,
        );
    });

    it("applies `all` and then per-policy enforcement levels", async () => {
        await host.configure(
            reconcilePolicyPackConfig(
                info.policies,
                info.initialConfig,
                parsePolicyPackConfig(
                    '{"all": "advisory", "test-thing-configure-threshold": "disabled"}',
                    "test",
                ),
            ),
        );
        const { diagnostics } = await host.analyze(thing("s", { size: 7, bad: true }));
        assert.equal(
            diagnostics.find((d) => d.policyName === "test-thing-disallow-bad")?.enforcementLevel,
            "advisory",
        );
        assert.equal(
            diagnostics.find((d) => d.policyName === "test-thing-configure-threshold"),
            undefined,
        );
    });

    it("rejects config of the wrong type, naming the policy and the field", () => {
        assert.throws(
            () =>
                reconcilePolicyPackConfig(
                    info.policies,
                    info.initialConfig,
                    parsePolicyPackConfig(
                        '{"test-thing-configure-threshold": {"threshold": "ten"}}',
                        "c.json",
                    ),
                ),
            (e: Error) =>
                e instanceof UsageError &&
                /test-thing-configure-threshold: threshold: must be number/.test(e.message),
        );
        assert.throws(
            () =>
                reconcilePolicyPackConfig(
                    info.policies,
                    info.initialConfig,
                    parsePolicyPackConfig(
                        '{"test-thing-configure-threshold": {"mode": "turbo"}}',
                        "c.json",
                    ),
                ),
            /test-thing-configure-threshold: mode: must be one of "fast", "slow"/,
        );
    });
});

describe("analyzer host start-up", () => {
    it("refuses a folder without PulumiPolicy.yaml in one sentence", async () => {
        await assert.rejects(
            AnalyzerHost.start(__dirname, { stack: "s", project: "p", dryRun: false }),
            (e: Error) =>
                e instanceof UsageError &&
                /is not a policy pack: it has no PulumiPolicy.yaml\./.test(e.message),
        );
    });
});

describe("analyzer host when the pack misbehaves", function () {
    this.timeout(60_000);

    async function started(deadline = Infinity): Promise<AnalyzerHost> {
        const host = await AnalyzerHost.start(PACK, {
            stack: "dev",
            project: "proj",
            dryRun: false,
            deadline,
        });
        const info = await host.getAnalyzerInfo();
        await host.configure(reconcilePolicyPackConfig(info.policies, info.initialConfig, {}));
        return host;
    }

    function resource(type: string, name: string): AnalyzerResource {
        return { urn: URN(type, name), type, name, properties: {}, options: {} };
    }

    it("fails a call at once, naming it and the pack's own message, when the pack throws past its handlers", async () => {
        const host = await started();
        try {
            const t = Date.now();
            await assert.rejects(host.analyze(resource("test:index:Crash", "c1")), (e: Error) => {
                assert.ok(e instanceof UsageError);
                assert.equal(
                    e.message,
                    `The policy pack failed during Analyze of ${URN("test:index:Crash", "c1")}: it threw Error: boom while reading c1.`,
                );
                return true;
            });
            assert.ok(Date.now() - t < 10_000, "at once, not at a deadline");
            // Nothing after it can succeed: the pack is in an unknown state.
            await assert.rejects(host.analyze(thing("after", {})), /it threw Error: boom/);
        } finally {
            await host.close();
        }
    });

    it("gives up on a pack that stops answering at the run's deadline", async () => {
        const host = await started(Date.now() + 5000);
        try {
            await assert.rejects(
                host.analyze(resource("test:index:Hang", "h1")),
                (e: Error) =>
                    e instanceof UsageError &&
                    e.message.startsWith(
                        `The policy pack failed during Analyze of ${URN("test:index:Hang", "h1")}: it did not answer within`,
                    ),
            );
        } finally {
            await host.close();
        }
    });

    it("fails every pending call when the pack process dies", async () => {
        const host = await started();
        try {
            const pending = host.analyze(resource("test:index:Hang", "h2"));
            (host as unknown as { child: { kill(s: string): void } }).child.kill("SIGKILL");
            await assert.rejects(
                pending,
                /failed during Analyze of .*: the pack was killed by SIGKILL/,
            );
        } finally {
            await host.close();
        }
    });
});
