// scripts/pulumi-language-nodejs without the Pulumi CLI: its command line, the packages it reports,
// and the one-line refusals. The preview differential (test/preview) covers Run and RunPlugin
// under the real engine.
import * as assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as langpb from "@pulumi/pulumi/proto/language_pb";

const ROOT = path.resolve(__dirname, "..", "..");
const HOST = path.join(ROOT, "scripts", "pulumi-language-nodejs");

function call<Req, Res>(client: any, method: string, req: Req): Promise<Res> {
    return new Promise((resolve, reject) =>
        client[method](req, (err: grpc.ServiceError | null, res: Res) =>
            err ? reject(err) : resolve(res),
        ),
    );
}

function programInfo(dir: string): langpb.ProgramInfo {
    const info = new langpb.ProgramInfo();
    info.setRootDirectory(dir);
    info.setProgramDirectory(dir);
    info.setEntryPoint(".");
    return info;
}

describe("scripts/pulumi-language-nodejs", function () {
    it("prints the repository's version for --version", function () {
        const r = spawnSync(process.execPath, [HOST, "--version"], { encoding: "utf8" });
        assert.equal(r.status, 0);
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.equal(r.stdout.trim(), pkg.version);
    });

    it("refuses a runtime other than nodejs in one line", function () {
        const r = spawnSync(process.execPath, [HOST, "--runtime", "bun"], { encoding: "utf8" });
        assert.equal(r.status, 1);
        assert.equal(r.stderr, "pulumi-language-nodejs: unsupported runtime: bun (only nodejs)\n");
    });

    describe("serving", function () {
        let host: ChildProcess;
        let client: any;
        let dir: string;

        before(async function () {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "language-host-"));
            host = spawn(process.execPath, [HOST], { stdio: ["ignore", "pipe", "inherit"] });
            const port = await new Promise<string>((resolve) =>
                host.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())),
            );
            assert.match(port, /^\d+$/);
            client = new langrpc.LanguageRuntimeClient(
                `127.0.0.1:${port}`,
                grpc.credentials.createInsecure(),
            );
        });

        after(function () {
            client?.close();
            host?.kill();
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("reports the resource plugins of node_modules, and none of a nested policy pack", async function () {
            const write = (rel: string, pkg: object) => {
                fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
                fs.writeFileSync(path.join(dir, rel), JSON.stringify(pkg));
            };
            write("node_modules/@pulumi/kubernetes/package.json", {
                name: "@pulumi/kubernetes",
                version: "4.34.2",
                pulumi: { resource: true },
            });
            write("node_modules/@pulumi/pulumi/package.json", {
                name: "@pulumi/pulumi",
                version: "3.248.0",
            });
            write("node_modules/third-party/package.json", {
                name: "third-party",
                version: "1.0.0",
                pulumi: { resource: true, name: "thirdparty", version: "2.0.0" },
            });
            write("pack/PulumiPolicy.yaml", {});
            write("pack/node_modules/@pulumi/aws/package.json", {
                name: "@pulumi/aws",
                version: "7.48.0",
                pulumi: { resource: true },
            });
            const req = new langpb.GetRequiredPackagesRequest();
            req.setInfo(programInfo(dir));
            const res = await call<any, langpb.GetRequiredPackagesResponse>(
                client,
                "getRequiredPackages",
                req,
            );
            const found = res
                .getPackagesList()
                .map((p) => `${p.getKind()} ${p.getName()} ${p.getVersion()}`)
                .sort();
            assert.deepEqual(found, ["resource kubernetes v4.34.2", "resource thirdparty v2.0.0"]);
        });

        it("answers Run in a folder without the SDK with the real host's one-line error", async function () {
            const req = new langpb.RunRequest();
            req.setInfo(programInfo(os.tmpdir()));
            req.setMonitorAddress("127.0.0.1:1");
            const res = await call<any, langpb.RunResponse>(client, "run", req);
            assert.equal(
                res.getError(),
                "It looks like the Pulumi SDK has not been installed. Have you run pulumi install?",
            );
        });

        it("refuses a call it does not implement in one line naming it", async function () {
            const req = new langpb.GenerateProjectRequest();
            await assert.rejects(call(client, "generateProject", req), (e: grpc.ServiceError) => {
                assert.equal(e.code, grpc.status.UNIMPLEMENTED);
                assert.equal(
                    e.details,
                    "method GenerateProject not implemented by pulumi-language-nodejs (gdpr-guard's launcher)",
                );
                return true;
            });
        });
    });
});
