import * as assert from "node:assert/strict";
import { accountOfArn, accountOfPrincipal } from "../../../policypack/lib/arn";
import {
    isAwsManagedAlias,
    isSymmetricEncryptionKey,
    readKeyRef,
} from "../../../policypack/lib/kms";
import { matchesTags, readTags } from "../../../policypack/lib/syncPath";

describe("lib/kms", () => {
    describe("readKeyRef", () => {
        it("reads a key ARN as a customer key", () => {
            const arn =
                "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            assert.deepEqual(readKeyRef(arn), { kind: "customer", value: arn });
        });

        it("reads a customer alias as a customer key", () => {
            assert.deepEqual(readKeyRef("alias/crm-events"), {
                kind: "customer",
                value: "alias/crm-events",
            });
        });

        it("reads an AWS-managed alias and its alias ARN as AWS-managed", () => {
            assert.deepEqual(readKeyRef("alias/aws/sqs"), {
                kind: "aws-managed",
                alias: "alias/aws/sqs",
            });
            assert.deepEqual(readKeyRef("arn:aws:kms:eu-west-1:111122223333:alias/aws/sns"), {
                kind: "aws-managed",
                alias: "alias/aws/sns",
            });
        });

        it("does not mistake a customer alias that merely contains aws for an AWS-managed one", () => {
            assert.equal(readKeyRef("alias/awsome").kind, "customer");
            assert.equal(readKeyRef("alias/team/aws/sqs").kind, "customer");
        });

        it("reads absent, empty and wrongly typed values as missing", () => {
            for (const v of [undefined, null, "", "   ", 42, {}, ["alias/x"]]) {
                assert.deepEqual(readKeyRef(v), { kind: "missing" });
            }
        });

        it("answers isAwsManagedAlias", () => {
            assert.equal(isAwsManagedAlias("alias/aws/kinesis"), true);
            assert.equal(isAwsManagedAlias("alias/kinesis"), false);
        });
    });

    describe("isSymmetricEncryptionKey", () => {
        it("treats a key with no spec as symmetric", () => {
            assert.equal(isSymmetricEncryptionKey({}), true);
        });

        it("accepts SYMMETRIC_DEFAULT under either spec property", () => {
            assert.equal(isSymmetricEncryptionKey({ keySpec: "SYMMETRIC_DEFAULT" }), true);
            assert.equal(
                isSymmetricEncryptionKey({
                    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                    keyUsage: "ENCRYPT_DECRYPT",
                }),
                true,
            );
        });

        it("rejects asymmetric and HMAC keys", () => {
            assert.equal(isSymmetricEncryptionKey({ keySpec: "RSA_2048" }), false);
            assert.equal(
                isSymmetricEncryptionKey({ keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }),
                false,
            );
            assert.equal(isSymmetricEncryptionKey({ keyUsage: "SIGN_VERIFY" }), false);
        });
    });

    describe("accounts", () => {
        it("reads the account of an ARN and of a bare account id", () => {
            assert.equal(accountOfArn("arn:aws:iam::111122223333:root"), "111122223333");
            assert.equal(accountOfPrincipal("444455556666"), "444455556666");
            assert.equal(accountOfPrincipal("arn:aws:iam::444455556666:role/x"), "444455556666");
        });

        it("answers undefined for things that are not account-scoped ARNs", () => {
            assert.equal(accountOfArn("arn:aws:s3:::bucket"), undefined);
            assert.equal(accountOfPrincipal("*"), undefined);
            assert.equal(accountOfPrincipal("not-an-arn"), undefined);
        });
    });

    describe("tags", () => {
        it("reads objects and JSON strings, dropping non-string values", () => {
            assert.deepEqual(readTags({ a: "1", b: 2 }), { a: "1" });
            assert.deepEqual(readTags('{"a":"1"}'), { a: "1" });
        });

        it("reads malformed values as no tags", () => {
            for (const v of [undefined, null, "not json", "[1]", 7, ["a"]]) {
                assert.deepEqual(readTags(v), {});
            }
        });

        it("matches a selector only when every pair is present", () => {
            const tags = { "gdpr-guard.io/sync-path": "false", team: "crm" };
            assert.equal(matchesTags(tags, { "gdpr-guard.io/sync-path": "false" }), true);
            assert.equal(matchesTags(tags, { "gdpr-guard.io/sync-path": "true" }), false);
            assert.equal(
                matchesTags(tags, { "gdpr-guard.io/sync-path": "false", team: "erp" }),
                false,
            );
        });

        it("never matches with an empty or malformed selector", () => {
            assert.equal(matchesTags({ a: "1" }, {}), false);
            assert.equal(matchesTags({ a: "1" }, "garbage"), false);
            assert.equal(matchesTags({ a: "1" }, undefined), false);
        });
    });
});
