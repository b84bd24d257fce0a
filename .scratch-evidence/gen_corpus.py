import json, hashlib, datetime, os

OUT = "/work/main/lib/evidence/corpus"

def unix(iso):
    return datetime.datetime.fromisoformat(iso).timestamp()

class Call:
    def __init__(self, case, start_iso):
        self.case = case
        self.start = unix(start_iso)
        self.items = []
        self.n = 0
    def _id(self, prefix):
        self.n += 1
        return prefix + hashlib.sha1(f"{self.case}-{self.n}".encode()).hexdigest()[:12]
    def at(self, dt):
        return round(self.start + dt, 3)
    def msg(self, role, text, dt, interrupted=False, confidence=None, content=None):
        item = {"id": self._id("item_"), "type": "message", "role": role,
                "content": content if content is not None else [text],
                "interrupted": interrupted, "created_at": self.at(dt)}
        if role == "user":
            item["transcript_confidence"] = confidence if confidence is not None else 0.94
        item["extra"] = {}
        self.items.append(item)
        return item["id"]
    def config(self, instructions, dt=0.0):
        self.items.append({"id": self._id("item_"), "type": "agent_config_update", "instructions": instructions,
                           "tools_added": [], "tools_removed": [], "created_at": self.at(dt)})
    def handoff(self, old, new, dt):
        self.items.append({"id": self._id("item_"), "type": "agent_handoff", "old_agent_id": old, "new_agent_id": new,
                           "created_at": self.at(dt)})
    def tool(self, name, args, output, dt, is_error=False):
        call_id = "call_" + hashlib.sha1(f"{self.case}-call-{self.n}".encode()).hexdigest()[:10]
        self.items.append({"id": self._id("item_"), "type": "function_call", "call_id": call_id, "name": name,
                           "arguments": json.dumps(args), "created_at": self.at(dt)})
        out_id = self._id("item_")
        self.items.append({"id": out_id, "type": "function_call_output", "call_id": call_id, "name": name,
                           "output": json.dumps(output) if not isinstance(output, str) else output,
                           "is_error": is_error, "created_at": self.at(dt + 0.8)})
        return out_id

def write(name, domain, summary, call, draft, expected, caller=None, agent=None, tz="UTC",
          call_started=True, transcript=True):
    case = {
        "name": name,
        "domain": domain,
        "summary": summary,
        "input": {
            "draft": draft,
            "transcript": call.items if transcript else None,
            "callStartedAt": round(call.start - 2.4, 3) if call_started else None,
            "caller": caller,
            "agent": agent,
            "timeZone": tz,
        },
        "expected": [{"kind": k, "status": s, "text": t} for (k, s, t) in expected],
    }
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(case, f, indent=2, ensure_ascii=False)
        f.write("\n")

exec(open("/work/main/.scratch-evidence/cases.py").read())
