import { describe, expect, it } from "vitest";
import { callerContact, parseParticipantMetadata, pickCaller, type ParticipantLike } from "./caller";

const p = (over: Partial<ParticipantLike>): ParticipantLike => ({ identity: "x", name: null, kind: "STANDARD", metadata: null, attributes: {}, joinedAt: null, ...over });

describe("the caller of a session", () => {
  it("is the non-agent participant, a phone caller first, then the earliest", () => {
    const agent = p({ identity: "agent-AJ_1", kind: "AGENT" });
    const recorder = p({ identity: "EG_1", kind: "EGRESS" });
    const web = p({ identity: "web", joinedAt: new Date(1000) });
    const later = p({ identity: "web-late", joinedAt: new Date(2000) });
    const phone = p({ identity: "sip_+1415", kind: "SIP", joinedAt: new Date(3000) });
    expect(pickCaller([agent, recorder, later, web])?.identity).toBe("web");
    expect(pickCaller([agent, web, phone])?.identity).toBe("sip_+1415");
    expect(pickCaller([agent, recorder])).toBeNull();
  });

  it("reads the email from metadata JSON (flat or nested), a bare address, or attributes; phone from sip.phoneNumber", () => {
    expect(callerContact(p({ metadata: '{"email":"Maria@Example.com"}' })).email).toBe("maria@example.com");
    expect(callerContact(p({ metadata: '{"caller":{"email":"a@b.co","name":"Ann"}}' }))).toMatchObject({ email: "a@b.co", name: "Ann" });
    expect(callerContact(p({ metadata: "ann@b.co" })).email).toBe("ann@b.co");
    expect(callerContact(p({ attributes: { "caller.email": "c@d.io", "sip.phoneNumber": "+14155550100" } }))).toMatchObject({ email: "c@d.io", phone: "+14155550100" });
  });

  it("never throws on hostile or broken metadata, and ignores what is not an address", () => {
    expect(parseParticipantMetadata("{not json")).toBe("{not json");
    expect(parseParticipantMetadata("[1,2]")).toBe("[1,2]");
    expect(parseParticipantMetadata("  ")).toBeNull();
    expect(callerContact(p({ metadata: '{"email":"<script>alert(1)</script>"}' })).email).toBeNull();
    expect(callerContact(p({ metadata: '{"email":42,"__proto__":{"x":1}}' })).email).toBeNull();
  });
});
