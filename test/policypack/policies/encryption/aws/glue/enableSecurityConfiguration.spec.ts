import * as assert from "node:assert/strict";
import { enableSecurityConfiguration } from "../../../../../../policypack/policies/encryption/aws/glue/enableSecurityConfiguration";
import { checkResource } from "../../../../harness";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SC = "aws:glue/securityConfiguration:SecurityConfiguration";
const encrypted = {
    encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: KEY },
        cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: KEY },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY },
    },
};
const check = (type: string, props: Record<string, unknown>) =>
    checkResource(enableSecurityConfiguration, { type, name: "etl", props });

describe("aws-glue-job-enable-security-configuration", () => {
    it("accepts jobs, crawlers and dev endpoints that name a security configuration", async () => {
        for (const type of [
            "aws:glue/job:Job",
            "aws:glue/crawler:Crawler",
            "aws:glue/devEndpoint:DevEndpoint",
        ]) {
            const out = await check(type, { securityConfiguration: "etl-kms" });
            assert.deepEqual(out.violations, [], type);
        }
    });

    it("reports a job, a crawler or a dev endpoint that names none", async () => {
        const job = await check("aws:glue/job:Job", {
            command: { scriptLocation: "s3://x/job.py" },
        });
        assert.deepEqual(job.violations, [
            'Glue job "etl" names no `securityConfiguration`, so the personal data it writes to S3, its logs and its bookmarks are not encrypted under a key this organisation controls; name an `aws.glue.SecurityConfiguration` that encrypts all three with KMS.',
        ]);
        for (const type of ["aws:glue/crawler:Crawler", "aws:glue/devEndpoint:DevEndpoint"]) {
            const out = await check(type, { securityConfiguration: " " });
            assert.equal(out.violations.length, 1, type);
        }
    });

    it("accepts a security configuration that encrypts S3 output, logs and bookmarks with KMS", async () => {
        assert.deepEqual((await check(SC, encrypted)).violations, []);
    });

    it("reports each target a security configuration leaves without KMS, or without a key", async () => {
        const out = await check(SC, {
            encryptionConfiguration: {
                s3Encryption: { s3EncryptionMode: "SSE-S3" },
                cloudwatchEncryption: { cloudwatchEncryptionMode: "DISABLED" },
                jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS" },
            },
        });
        assert.deepEqual(out.violations, [
            'Glue security configuration "etl" does not encrypt the data it writes to S3 with KMS (`encryptionConfiguration.s3Encryption` mode is "SSE-S3"); set `s3EncryptionMode` to "SSE-KMS" with `kmsKeyArn` set to a customer-managed KMS key.',
            'Glue security configuration "etl" does not encrypt its logs (where failing records end up) with KMS (`encryptionConfiguration.cloudwatchEncryption` mode is "DISABLED"); set `cloudwatchEncryptionMode` to "SSE-KMS" with `kmsKeyArn` set to a customer-managed KMS key.',
            'Glue security configuration "etl" sets `encryptionConfiguration.jobBookmarksEncryption` mode "CSE-KMS" but names no key in `kmsKeyArn`; set it to a customer-managed KMS key.',
        ]);
        // Nothing set at all: every target is reported, and a wrongly typed config does not throw.
        assert.equal((await check(SC, {})).violations.length, 3);
        assert.equal((await check(SC, { encryptionConfiguration: "x" })).violations.length, 3);
    });

    it("leaves other resources alone", async () => {
        const out = await check("aws:glue/catalogDatabase:CatalogDatabase", { name: "db" });
        assert.deepEqual(out.violations, []);
    });
});
