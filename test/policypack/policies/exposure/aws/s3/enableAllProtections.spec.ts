import * as assert from "node:assert/strict";
import { enableAllProtections } from "../../../../../../policypack/policies/exposure/aws/s3/enableAllProtections";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const all = {
    bucket: "exports",
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
};

async function check(props: Record<string, any>, type = TYPE) {
    return checkResource(enableAllProtections, { type, name: "exports", props });
}

describe("aws-s3-publicaccessblock-enable-all-protections", () => {
    it("accepts a block with all four protections on (also as config strings)", async () => {
        assert.deepEqual((await check(all)).violations, []);
        assert.deepEqual((await check({ ...all, blockPublicPolicy: "true" })).violations, []);
    });

    it("rejects a block that switches one protection off, naming it", async () => {
        assert.deepEqual((await check({ ...all, restrictPublicBuckets: false })).violations, [
            'S3 bucket public access block "exports" switches off `restrictPublicBuckets` (false or unset), so a public ACL or bucket policy would make the personal data in the bucket public; set all four protections to `true`.',
        ]);
    });

    it("rejects a block that leaves protections unset, since unset means false", async () => {
        const out = await check({ bucket: "exports", blockPublicAcls: true });
        assert.match(
            out.violations[0] ?? "",
            /switches off `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets`/,
        );
    });

    it("checks the account-wide block too", async () => {
        const out = await check(
            { ...all, blockPublicAcls: false },
            "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        );
        assert.match(
            out.violations[0] ?? "",
            /^S3 account public access block "exports" switches off `blockPublicAcls`/,
        );
    });

    it("reads a wrongly typed protection as off", async () => {
        assert.equal((await check({ ...all, ignorePublicAcls: "yes" })).violations.length, 1);
    });

    it("leaves a protection that is unknown during preview to the framework", async () => {
        const out = await check({ ...all, blockPublicPolicy: unknown.boolean });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /blockPublicPolicy/);
    });
});
