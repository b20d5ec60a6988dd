#!/usr/bin/env python3
"""Builds test predictions for score.py: tests/perfect/ (gold as a prediction, must give F1 1.0)
and tests/empty/ (no claims, must give 0). Passages come from build_gold.sentences with byte offsets."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
from build_gold import sentences

gold = json.load(open(os.path.join(ROOT, "gold.json"), encoding="utf-8"))
for variant in ("perfect", "empty"):
    os.makedirs(os.path.join(HERE, variant), exist_ok=True)
for story, gs in gold["corpora"].items():
    arts, index = [], {}
    for fn in sorted(os.listdir(os.path.join(ROOT, story))):
        data = open(os.path.join(ROOT, story, fn), "rb").read()
        pos, ps = 0, []
        for i, s in enumerate(sentences(os.path.join(ROOT, story, fn))):
            b = s.encode("utf-8"); st = data.index(b, pos); pos = st + len(b)
            ps.append({"index": i, "start": st, "end": pos, "text": s}); index[(fn, s)] = i
        arts.append({"id": fn, "passages": ps})
    claims, discs = [], []
    for ci, c in enumerate(gs["claims"]):
        claims.append({"id": ci, "members": [{"article": a, "passage": index[(a, s)]} for a, s in c["members"]]})
        for d in c["discrepancies"]:
            discs.append({"kind": d["kind"], "claim": ci, "detail": d["detail"],
                          "members": [{"article": a, "passage": index[(a, s)]} for a, s in d["members"]]})
    for variant, cl, ds in (("perfect", claims, discs), ("empty", [], [])):
        with open(os.path.join(HERE, variant, story + ".json"), "w", encoding="utf-8") as f:
            json.dump({"articles": arts, "claims": cl, "discrepancies": ds}, f, ensure_ascii=False)
print("ok")
