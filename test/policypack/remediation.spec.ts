// Remediation through the offline engine: with a rule at level `remediate`, the engine calls
// Remediate before Analyze for every resource (as `pulumi up` does) and reports what changed.
// Each rule's own spec checks its before/after inputs; this checks the wiring end to end.
import * as assert from "node:assert/strict";
import { checkOffline, daysFromToday, urnOf } from "./offline";

const CRONJOB = "kubernetes:batch/v1:CronJob";
const PEER_AUTHENTICATION = "kubernetes:security.istio.io/v1:PeerAuthentication";
const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const resources = [
    { type: "aws:sqs/queue:Queue", name: "events", inputs: { name: "events" } },
    { type: "aws:sqs/queue:Queue", name: "legacy", inputs: { name: "legacy" } },
    { type: "aws:sns/topic:Topic", name: "changes", inputs: { name: "changes" } },
    {
        type: "aws:kms/key:Key",
        name: "sync-key",
        inputs: { description: "sync", deletionWindowInDays: 30 },
    },
    {
        type: CRONJOB,
        name: "sync",
        inputs: {
            metadata: {
                name: "sync",
                namespace: "crm-sync",
                labels: { "gdpr-guard.io/sync-job": "true" },
            },
            spec: {
                schedule: "0 2 * * *",
                concurrencyPolicy: "Allow",
                jobTemplate: {
                    spec: {
                        template: {
                            spec: {
                                serviceAccountName: "sync",
                                containers: [{ name: "sync", image: "x:1" }],
                            },
                        },
                    },
                },
            },
        },
    },
    {
        type: PEER_AUTHENTICATION,
        name: "crm-sync-mtls",
        inputs: {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "crm-sync" },
            spec: {
                mtls: { mode: "PERMISSIVE" },
                portLevelMtls: { "8080": { mode: "PERMISSIVE" } },
            },
        },
    },
    {
        // DISABLE is a choice someone must review: never remediated, always the stack rule's.
        type: PEER_AUTHENTICATION,
        name: "reporting-mtls",
        inputs: {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "reporting" },
            spec: { mtls: { mode: "DISABLE" } },
        },
    },
];

const REMEDIATE = {
    "aws-sqs-queue-enable-kms-encryption": {
        enforcementLevel: "remediate",
        remediationKmsKeyId: KEY_ARN,
        exemptions: [
            {
                resource: urnOf("aws:sqs/queue:Queue", "legacy"),
                reason: "Drained and deleted by the cut-over (CHG-2291).",
                expires: daysFromToday(30),
                approvedBy: "dpo@example.com",
            },
        ],
    },
    "aws-sns-topic-enable-kms-encryption": {
        enforcementLevel: "remediate",
        remediationKmsKeyId: KEY_ARN,
    },
    "aws-kms-key-enable-key-rotation": "remediate",
    "kubernetes-batch-cronjob-enforce-forbid-concurrency": "remediate",
    "kubernetes-batch-syncjob-configure-service-account": "remediate",
    "aws-iam-accesskey-disallow-long-lived-keys": "remediate",
    "kubernetes-istio-peerauthentication-enable-strict-mode": "remediate",
};

describe("remediation through the offline engine", function () {
    this.timeout(120_000);

    it("changes nothing at the rules' default levels", async () => {
        const r = await checkOffline(resources);
        assert.deepEqual(r.remediations, []);
        // The PeerAuthentication companion is advisory; the stack rule is the mandatory verdict.
        const mtls = r.report.violations
            .filter((v) => v.type === PEER_AUTHENTICATION)
            .map((v) => `${v.level} ${v.policy} ${v.name}`);
        assert.deepEqual(mtls.sort(), [
            "advisory kubernetes-istio-peerauthentication-enable-strict-mode crm-sync-mtls",
            "advisory kubernetes-istio-peerauthentication-enable-strict-mode crm-sync-mtls",
            "mandatory kubernetes-istio-peerauthentication-enforce-strict-mtls crm-sync-mtls",
            "mandatory kubernetes-istio-peerauthentication-enforce-strict-mtls crm-sync-mtls",
            "mandatory kubernetes-istio-peerauthentication-enforce-strict-mtls reporting-mtls",
        ]);
    });

    it("remediates each resource at level `remediate`, names the properties it changed, and leaves the exempted queue alone", async () => {
        const r = await checkOffline(resources, REMEDIATE);
        // `changed` may also list a property whose value is equal but whose keys came back in
        // another order (the engine compares JSON text), so each expected key is looked up.
        const changed = new Map(
            r.remediations.map((m) => [`${m.policy} ${m.urn.split("::").pop()}`, m.changed]),
        );
        assert.deepEqual([...changed.keys()].sort(), [
            "aws-kms-key-enable-key-rotation sync-key",
            "aws-sns-topic-enable-kms-encryption changes",
            "aws-sqs-queue-enable-kms-encryption events",
            "kubernetes-batch-cronjob-enforce-forbid-concurrency sync",
            "kubernetes-batch-syncjob-configure-service-account sync",
            "kubernetes-istio-peerauthentication-enable-strict-mode crm-sync-mtls",
        ]);
        assert.ok(
            changed.get("aws-kms-key-enable-key-rotation sync-key")!.includes("enableKeyRotation"),
        );
        assert.ok(
            changed.get("aws-sns-topic-enable-kms-encryption changes")!.includes("kmsMasterKeyId"),
        );
        assert.ok(
            changed.get("aws-sqs-queue-enable-kms-encryption events")!.includes("kmsMasterKeyId"),
        );
        assert.ok(
            changed
                .get("kubernetes-batch-cronjob-enforce-forbid-concurrency sync")!
                .includes("spec"),
        );
        assert.ok(
            changed
                .get("kubernetes-batch-syncjob-configure-service-account sync")!
                .includes("spec"),
        );
        assert.deepEqual(
            changed.get("kubernetes-istio-peerauthentication-enable-strict-mode crm-sync-mtls"),
            ["spec"],
        );
        const legacy = r.report.violations.find(
            (v) => v.policy === "aws-sqs-queue-enable-kms-encryption" && v.name === "legacy",
        );
        assert.equal(
            legacy?.level,
            "advisory",
            "the exempted queue is reported as an advisory notice",
        );
    });
});
