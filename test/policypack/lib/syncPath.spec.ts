import type { PolicyResource } from "@pulumi/policy";
import * as assert from "node:assert/strict";
import {
    dependenciesOf,
    describeJob,
    propertyDependsOn,
    serviceAccountsByKey,
    StackIndex,
    syncJobs,
    templateMarks,
} from "../../../policypack/lib/syncPath";

function res(
    type: string,
    name: string,
    props: Record<string, any>,
    deps: PolicyResource[] = [],
    propDeps: Record<string, PolicyResource[]> = {},
): PolicyResource {
    return {
        type,
        name,
        urn: `urn:${type}::${name}`,
        props,
        dependencies: deps,
        propertyDependencies: propDeps,
    } as any;
}

const labelled = { metadata: { labels: { "gdpr-guard.io/sync-job": "true" } } };

describe("policypack/lib/syncPath", () => {
    it("finds labelled CronJobs and Jobs, with namespace and service account defaults", () => {
        const cron = res("kubernetes:batch/v1:CronJob", "c", {
            metadata: { namespace: "crm" },
            spec: {
                jobTemplate: {
                    spec: { template: { ...labelled, spec: { serviceAccountName: "sync" } } },
                },
            },
        });
        const job = res("kubernetes:batch/v1:Job", "j", {
            ...labelled,
            spec: { template: { spec: {} } },
        });
        const plain = res("kubernetes:batch/v1:Job", "p", { spec: {} });
        const deploy = res("kubernetes:apps/v1:Deployment", "d", labelled);
        const jobs = syncJobs([cron, job, plain, deploy], false);
        assert.deepEqual(
            jobs.map((j) => [j.kind, j.namespace, j.serviceAccount]),
            [
                ["CronJob", "crm", "sync"],
                ["Job", "default", "default"],
            ],
        );
        assert.equal(describeJob(jobs[0]), 'CronJob "c" in namespace "crm"');
        assert.equal(syncJobs([cron, job, plain, deploy], true).length, 3);
    });

    it("reads the deprecated serviceAccount field and ignores wrongly typed ones", () => {
        const a = res("kubernetes:batch/v1:Job", "a", {
            ...labelled,
            spec: { template: { spec: { serviceAccount: "old" } } },
        });
        const b = res("kubernetes:batch/v1:Job", "b", {
            metadata: { labels: { "gdpr-guard.io/sync-job": "true" }, namespace: 3 },
            spec: { template: { spec: { serviceAccountName: 4 } } },
        });
        assert.deepEqual(
            syncJobs([a, b], false).map((j) => [j.namespace, j.serviceAccount]),
            [
                ["default", "old"],
                ["default", "default"],
            ],
        );
    });

    it("merges dependencies and property dependencies once each", () => {
        const q = res("aws:sqs/queue:Queue", "q", {});
        const k = res("aws:kms/key:Key", "k", {});
        const r = res("x:y:Z", "r", {}, [q], { a: [q, k], b: "nonsense" as any });
        assert.deepEqual(
            dependenciesOf(r).map((d) => d.name),
            ["q", "k"],
        );
        assert.equal(propertyDependsOn(r, "a", ["aws:kms/key:Key"]), true);
        assert.equal(propertyDependsOn(r, "b", ["aws:kms/key:Key"]), false);
    });

    it("indexes types and reverse dependencies once", () => {
        const role = res("aws:iam/role:Role", "role", {});
        const p1 = res("aws:iam/rolePolicy:RolePolicy", "p1", {}, [role]);
        const p2 = res("aws:iam/rolePolicy:RolePolicy", "p2", {}, [], { role: [role] });
        const index = new StackIndex([role, p1, p2]);
        assert.deepEqual(
            index.ofType("aws:iam/rolePolicy:RolePolicy").map((r) => r.name),
            ["p1", "p2"],
        );
        assert.deepEqual(
            index.dependentsOf(role).map((r) => r.name),
            ["p1", "p2"],
        );
        assert.deepEqual(index.dependentsOf(p1), []);
    });

    it("keys service accounts by namespace and name", () => {
        const sa = res("kubernetes:core/v1:ServiceAccount", "sa", {
            metadata: { name: "sync", namespace: "crm" },
        });
        const noNs = res("kubernetes:core/v1:ServiceAccount", "sa2", {
            metadata: { name: "other" },
        });
        const map = serviceAccountsByKey(new StackIndex([sa, noNs]));
        assert.deepEqual([...map.keys()], ["crm/sync", "default/other"]);
    });

    it("merges pod-template labels and annotations for opt-out checks", () => {
        const job = syncJobs(
            [
                res("kubernetes:batch/v1:Job", "j", {
                    spec: {
                        template: {
                            metadata: {
                                labels: { a: "1", "gdpr-guard.io/sync-job": "true" },
                                annotations: { a: "2", b: 3 },
                            },
                        },
                    },
                }),
            ],
            false,
        )[0];
        assert.deepEqual(templateMarks(job), { a: "2", "gdpr-guard.io/sync-job": "true" });
    });
});
