import * as assert from "node:assert/strict";
import { enclosingTypes, isInside } from "../../../policypack/lib/urn";

describe("lib/urn", () => {
    const child =
        "urn:pulumi:dev::shop::awsx:lb:ApplicationLoadBalancer$aws:ec2/securityGroup:SecurityGroup::web";

    it("reads the enclosing component types, outermost first, without the resource's own", () => {
        assert.deepEqual(enclosingTypes(child), ["awsx:lb:ApplicationLoadBalancer"]);
        assert.deepEqual(
            enclosingTypes(
                "urn:pulumi:dev::shop::a:b:C$d:e:F$aws:ecs/taskDefinition:TaskDefinition::t",
            ),
            ["a:b:C", "d:e:F"],
        );
        assert.deepEqual(enclosingTypes("urn:pulumi:dev::shop::aws:s3/bucket:Bucket::b"), []);
    });

    it("reads malformed and wrongly typed URNs as top level", () => {
        assert.deepEqual(enclosingTypes("not-a-urn"), []);
        assert.deepEqual(enclosingTypes(undefined), []);
        assert.equal(isInside(42, ["awsx:lb:ApplicationLoadBalancer"]), false);
    });

    it("says whether one of the given types encloses the resource", () => {
        assert.equal(isInside(child, ["awsx:lb:ApplicationLoadBalancer"]), true);
        assert.equal(isInside(child, ["eks:index:Cluster"]), false);
    });
});
