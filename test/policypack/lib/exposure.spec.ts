import * as assert from "node:assert/strict";
import { isInternetCidr, openedPorts, sensitivePortsIn } from "../../../policypack/lib/exposure";

describe("lib/exposure", () => {
    it("reads every prefix-0 CIDR as the internet, and nothing narrower", () => {
        for (const c of ["0.0.0.0/0", "::/0", "0::/0", " 0.0.0.0/0 ", "10.0.0.0/0"]) {
            assert.equal(isInternetCidr(c), true, c);
        }
        for (const c of ["10.0.0.0/8", "0.0.0.0/1", "::1/128", "", 0, undefined]) {
            assert.equal(isInternetCidr(c), false, String(c));
        }
    });

    it("reads the ports of protocol -1, TCP/UDP ranges and nothing for ICMP", () => {
        const p = (protocol: unknown, fromPort?: unknown, toPort?: unknown) =>
            openedPorts({ place: "", protocol, fromPort, toPort, cidrs: [] });
        assert.deepEqual(p("-1", 0, 0), { all: true, from: 0, to: 65535 });
        assert.deepEqual(p(-1), { all: true, from: 0, to: 65535 });
        assert.deepEqual(p("tcp", 5432, 5432), { all: false, from: 5432, to: 5432 });
        assert.deepEqual(p("17", "11211", "11211"), { all: false, from: 11211, to: 11211 });
        assert.deepEqual(p("tcp"), { all: false, from: 0, to: 65535 });
        assert.equal(p("icmp", -1, -1), undefined);
        assert.equal(p("tcp", 0, 0), undefined);
    });

    it("names the sensitive ports in a range, in order", () => {
        assert.deepEqual(sensitivePortsIn(2379, 2380, [2380, 2379, 22]), [
            "etcd (2379)",
            "etcd peer (2380)",
        ]);
        assert.deepEqual(sensitivePortsIn(1, 100, [8000]), []);
    });
});
