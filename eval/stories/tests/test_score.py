#!/usr/bin/env python3
"""Self-test of score.py: perfect prediction -> F1 1.0, empty -> 0, re-segmented perfect
(merged / split passages) -> still 1.0 lenient, and an over-merged claim -> strict < lenient."""
import copy, json, os, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
subprocess.run([sys.executable, os.path.join(HERE, "make_preds.py")], check=True, stdout=subprocess.DEVNULL)

def score(pred_dir, root=True):
    cmd = [sys.executable, os.path.join(ROOT, "score.py"), os.path.join(ROOT, "gold.json"), pred_dir, "--json"]
    if root:
        cmd += ["--corpus-root", ROOT]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

def check(name, cond):
    print(("ok   " if cond else "FAIL ") + name)
    if not cond:
        sys.exit(1)

s = score(os.path.join(HERE, "perfect"))
check("perfect lenient F1 = 1", abs(s["micro"]["lenient"]["f1"] - 1) < 1e-9)
check("perfect strict F1 = 1", abs(s["micro"]["strict"]["f1"] - 1) < 1e-9)
check("perfect finds all discrepancies", all(v["found"] == v["gold"] and v["pred_unmatched"] == 0 for v in s["discrepancies"].values()))
s = score(os.path.join(HERE, "perfect"), root=False)
check("perfect without --corpus-root F1 = 1", abs(s["micro"]["strict"]["f1"] - 1) < 1e-9)
s = score(os.path.join(HERE, "empty"))
check("empty F1 = 0", s["micro"]["lenient"]["f1"] == 0 and s["micro"]["strict"]["tp"] == 0)
check("empty finds no discrepancies", all(v["found"] == 0 for v in s["discrepancies"].values()))

# Re-segment plant-fire/carrow-courier.txt: merge passages 1+2, split passage 3 into two halves.
with tempfile.TemporaryDirectory() as tmp:
    for fn in os.listdir(os.path.join(HERE, "perfect")):
        d = json.load(open(os.path.join(HERE, "perfect", fn), encoding="utf-8"))
        if fn == "plant-fire.json":
            art = next(a for a in d["articles"] if a["id"] == "carrow-courier.txt")
            data = open(os.path.join(ROOT, "plant-fire", "carrow-courier.txt"), "rb").read()
            ps = art["passages"]
            merged = {"start": ps[1]["start"], "end": ps[2]["end"]}
            p3 = ps[3]; mid = (p3["start"] + p3["end"]) // 2
            while data[mid] & 0xC0 == 0x80:
                mid += 1
            new = [ps[0], merged, {"start": p3["start"], "end": mid}, {"start": mid, "end": p3["end"]}] + ps[4:]
            remap = {0: [0], 1: [1], 2: [1], 3: [2, 3]}
            remap.update({i: [i] for i in range(4, len(ps))})
            for i, p in enumerate(new):
                p["index"] = i; p["text"] = data[p["start"]:p["end"]].decode("utf-8")
            art["passages"] = new
            def fix(mem):
                out = []
                for m in mem:
                    for j in (remap[m["passage"]] if m["article"] == "carrow-courier.txt" else [m["passage"]]):
                        out.append({"article": m["article"], "passage": j})
                return out
            for c in d["claims"]:
                c["members"] = fix(c["members"])
            for x in d["discrepancies"]:
                x["members"] = fix(x["members"])
        json.dump(d, open(os.path.join(tmp, fn), "w", encoding="utf-8"), ensure_ascii=False)
    s = score(tmp)
    pf = s["stories"]["plant-fire"]["pairs"]["lenient"]
    check("re-segmented: no missed gold pairs", pf["fn"] == 0)
    check("re-segmented: merged passage only adds fp", pf["tp"] == 33)

# Over-merge: put an unlabelled sentence into a claim -> strict fp, lenient unchanged.
with tempfile.TemporaryDirectory() as tmp:
    for fn in os.listdir(os.path.join(HERE, "perfect")):
        d = json.load(open(os.path.join(HERE, "perfect", fn), encoding="utf-8"))
        if fn == "plant-fire.json":
            # chemweek passage 9 ("Vesta said it was too early...") is unlabelled
            d["claims"][0]["members"].append({"article": "chemweek.txt", "passage": 9})
        json.dump(d, open(os.path.join(tmp, fn), "w", encoding="utf-8"), ensure_ascii=False)
    s = score(tmp)
    pf = s["stories"]["plant-fire"]["pairs"]
    check("over-merge: lenient still perfect", pf["lenient"]["fp"] == 0 and pf["lenient"]["fn"] == 0)
    check("over-merge: strict counts fp", pf["strict"]["fp"] > 0)
# A discrepancy between two sentences of the SAME version (ledger 7-4 vs civic-beat 7-4) is not a hit.
with tempfile.TemporaryDirectory() as tmp:
    for fn in os.listdir(os.path.join(HERE, "perfect")):
        d = json.load(open(os.path.join(HERE, "perfect", fn), encoding="utf-8"))
        if fn == "council-budget.json":
            d["discrepancies"] = [x for x in d["discrepancies"] if x["kind"] != "number"]
            d["discrepancies"].append({"kind": "number", "claim": 1, "detail": "bogus",
                "members": [{"article": "brennock-ledger.txt", "passage": 1}, {"article": "civic-beat.txt", "passage": 1}]})
        json.dump(d, open(os.path.join(tmp, fn), "w", encoding="utf-8"), ensure_ascii=False)
    s = score(tmp)
    n = s["stories"]["council-budget"]["disc"]["number"]
    check("same-version discrepancy is not found", n["found"] == 0 and n["found_loose"] == 1 and n["pred_unmatched"] == 1)
print("all tests passed")
