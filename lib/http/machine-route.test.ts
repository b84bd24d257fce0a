// The machine-route wrapper over real HTTP (node:http, as Next serves a Pages API route): the body
// limit with and without a declared length, the method, the error shape, and work after the answer.
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { serveMachineRoute } from "@/test/machine-route";
import { machineRoute, type MachineRequest } from "./machine-route";

const seen: MachineRequest[] = [];
let afterLog: string[] = [];
const route = machineRoute("test.machine", { maxBytes: () => 64 }, async (request) => {
  seen.push(request);
  const body = JSON.parse(request.rawBody) as { do?: string };
  if (body.do === "refuse") throw new AppError("unauthorized", "Not you.");
  if (body.do === "crash") throw new Error("secret internals at /srv/app.ts:12");
  return {
    status: 200,
    body: { echo: request.rawBody.length },
    after: async () => {
      await new Promise((r) => setTimeout(r, 50));
      afterLog.push(body.do ?? "plain");
      if (body.do === "fail-after") throw new Error("after failed");
    },
  };
});
/** The x-test header of each request the route is done with (its work after the answer included). */
const finished: unknown[] = [];
const send = serveMachineRoute(async (request, response) => {
  await route(request, response);
  finished.push(request.headers["x-test"]);
});

/** A POST whose body arrives in chunks, with no content-length (chunked transfer encoding). */
async function streamed(url: string, chunks: string[]): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    });
    req.on("error", reject);
    const write = (i: number) => {
      if (i === chunks.length) return req.end();
      req.write(chunks[i], () => setTimeout(() => write(i + 1), 5));
    };
    write(0);
  });
}

describe("machineRoute", () => {
  it("hands the raw body and headers to the handler and answers its JSON with a request id", async () => {
    seen.length = 0;
    const response = await send({ body: '{"a":"é"}', headers: { "content-type": "application/json", "x-request-id": "req-1", "x-sig": "abc" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ echo: 9 });
    expect(seen[0]!.rawBody).toBe('{"a":"é"}');
    expect(seen[0]!.headers["x-sig"]).toBe("abc");
  });

  it("keeps a caller's request id only when it is a plain token", async () => {
    for (const odd of ["<script>alert(1)</script>", "a b", "x".repeat(200)]) {
      const id = (await send({ body: "{}", headers: { "x-request-id": odd } })).headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await send({ body: "{}", headers: { "x-request-id": "trace-01:ab.9" } })).headers.get("x-request-id")).toBe("trace-01:ab.9");
  });

  it("refuses a declared body over the limit before reading it, and closes the connection", async () => {
    seen.length = 0;
    const response = await send({ body: JSON.stringify({ pad: "x".repeat(100) }), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect((await response.json()).error.code).toBe("too_large");
    expect(seen).toHaveLength(0);
  });

  it("stops reading a chunked body once it passes the limit", async () => {
    // The route's address, from an answered request (the helper listens on first use).
    const url = (await send({ body: "{}" })).url;
    seen.length = 0;
    const answer = await streamed(url, ['{"pad":"', "x".repeat(40), "x".repeat(40), '"}']);
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe("close");
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "too_large", message: "The body is larger than the limit of 64 bytes." } });
    expect(seen).toHaveLength(0);
    // A chunked body within the limit is read whole.
    expect((await streamed(url, ['{"a":', '"b"}'])).status).toBe(200);
  });

  it("lets go of a request whose client left mid-body, and keeps answering", async () => {
    const url = (await send({ body: "{}" })).url;
    seen.length = 0;
    await new Promise<void>((resolve) => {
      const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "x-test": "left-mid-body" } });
      req.on("error", () => resolve());
      req.write('{"partial":', () => setTimeout(() => req.destroy(), 20));
    });
    await expect.poll(() => finished).toContain("left-mid-body");
    expect(seen).toHaveLength(0);
    expect((await send({ body: "{}" })).status).toBe(200);
  });

  it("answers 405 with Allow: POST to another method", async () => {
    const response = await send({ method: "GET" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });

  it("answers an AppError with its status and anything else with a generic 500 that names nothing inside", async () => {
    const refused = await send({ body: '{"do":"refuse"}' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "Not you." } });
    const crashed = await send({ body: '{"do":"crash"}' });
    expect(crashed.status).toBe(500);
    const text = await crashed.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Something went wrong on our side. It has been logged." } });
    expect(text).not.toContain("/srv/app.ts");
  });

  it("runs the work after the answer is sent, and a failure there is logged, not answered", async () => {
    afterLog = [];
    const response = await send({ body: '{"do":"fail-after"}' });
    expect(response.status).toBe(200);
    expect(afterLog).not.toContain("fail-after");
    await expect.poll(() => afterLog).toContain("fail-after");
    // The server still answers.
    expect((await send({ body: "{}" })).status).toBe(200);
  });
});
