#!/usr/bin/env python3
"""Scores `backstop analyze --format json` output against Sisimai's labels in the corpus.

Usage: bench/score.py CORPUS_DIR BACKSTOP_JSONL [DISAGREEMENTS_FILE]

Prints the agreement figures the analyzer issue asks for and writes every disagreement
(one JSON object per line) to DISAGREEMENTS_FILE. Exit status 0 when every goal is met.
"""
import json
import os
import sys


def norm(s):
    return (s or "").strip().lower()


def main():
    corpus, ours_path = sys.argv[1], sys.argv[2]
    dis_path = sys.argv[3] if len(sys.argv) > 3 else "analyze-disagreements.jsonl"
    labels = {}
    with open(os.path.join(corpus, "sisimai-4.25.15.jsonl")) as f:
        for line in f:
            d = json.loads(line)
            labels[d["file"]] = d["results"]
    ours = {}
    with open(ours_path) as f:
        for line in f:
            d = json.loads(line)
            rel = os.path.relpath(d["file"], corpus)
            ours[rel] = d
    dis = []
    c = dict(files=0, detected=0, results=0, rcpt=0, status=0, reason=0, sender=0,
             nb=0, nb_none=0, unread=0, unread_rcpt=0, unread_status=0, missing=0)
    for rel, results in sorted(labels.items()):
        o = ours.get(rel)
        if o is None:
            c["missing"] += 1
            dis.append({"file": rel, "what": "missing-output"})
            continue
        kind = o["kind"]
        rcpts = {norm(r["address"]): r for r in o["recipients"]}
        if rel.startswith("not-bounces/"):
            c["nb"] += 1
            if kind == "none":
                c["nb_none"] += 1
            else:
                dis.append({"file": rel, "what": "not-bounce", "ours": kind, "evidence": o["evidence"]})
            continue
        if not results:
            c["unread"] += 1
            ok_r = any(r["address"] for r in o["recipients"])
            ok_s = any(r.get("status") for r in o["recipients"])
            c["unread_rcpt"] += ok_r
            c["unread_status"] += ok_s
            if not (ok_r and ok_s):
                dis.append({"file": rel, "what": "unread-format", "ours": o["recipients"]})
            continue
        c["files"] += 1
        if kind != "none":
            c["detected"] += 1
        else:
            dis.append({"file": rel, "what": "kind", "ours": kind, "evidence": o["evidence"]})
        addr = set()
        addr.add(norm(o["original"].get("sender")))
        addr.add(norm(o["original"].get("from")))
        for r in results:
            c["results"] += 1
            rr = rcpts.get(norm(r["recipient"]))
            if norm(r["addresser"]) in addr:
                c["sender"] += 1
            else:
                dis.append({"file": rel, "what": "sender", "sisimai": r["addresser"],
                            "ours": [o["original"].get("sender"), o["original"].get("from")]})
            if rr is None:
                dis.append({"file": rel, "what": "recipient", "sisimai": r["recipient"],
                            "ours": list(rcpts)})
                continue
            c["rcpt"] += 1
            if norm(rr.get("status")) == norm(r["deliverystatus"]):
                c["status"] += 1
            else:
                dis.append({"file": rel, "what": "status", "recipient": r["recipient"],
                            "sisimai": r["deliverystatus"], "ours": rr.get("status"),
                            "diagnostic": (rr.get("diagnostic") or "")[:300]})
            if norm(rr.get("reason")) == norm(r["reason"]):
                c["reason"] += 1
            else:
                dis.append({"file": rel, "what": "reason", "recipient": r["recipient"],
                            "sisimai": r["reason"], "ours": rr.get("reason"),
                            "status": rr.get("status"),
                            "diagnostic": (rr.get("diagnostic") or "")[:300],
                            "sisimai_diagnostic": r["diagnosticcode"][:300]})
    n = c["results"] or 1

    def pct(a, b):
        return 100.0 * a / (b or 1)

    figures = [
        ("automated mail detected", pct(c["detected"], c["files"]), 99.0,
         f'{c["detected"]}/{c["files"]} files'),
        ("recipient agreement", pct(c["rcpt"], n), 98.0, f'{c["rcpt"]}/{n} results'),
        ("delivery status", pct(c["status"], n), 95.0, f'{c["status"]}/{n} results'),
        ("reason", pct(c["reason"], n), 90.0, f'{c["reason"]}/{n} results'),
        ("original sender", pct(c["sender"], n), 95.0, f'{c["sender"]}/{n} results'),
        ("not-bounces classified none", pct(c["nb_none"], c["nb"]), 100.0,
         f'{c["nb_none"]}/{c["nb"]} files'),
        ("unread by Sisimai: recipient found", pct(c["unread_rcpt"], c["unread"]), 100.0,
         f'{c["unread_rcpt"]}/{c["unread"]} files'),
        ("unread by Sisimai: status found", pct(c["unread_status"], c["unread"]), 100.0,
         f'{c["unread_status"]}/{c["unread"]} files'),
    ]
    ok = c["missing"] == 0
    for name, value, goal, detail in figures:
        met = value >= goal
        ok &= met
        print(f'{name:38s} {value:6.2f}%  (goal >= {goal:g}%)  {detail}  {"ok" if met else "BELOW GOAL"}')
    with open(dis_path, "w") as f:
        for d in dis:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(dis)} disagreements written to {dis_path}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
