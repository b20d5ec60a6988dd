#!/usr/bin/env python3
"""Score parallax `align --json` output against the hand-labelled gold claims.

Usage:
    python3 score.py GOLD.json PRED_DIR [--corpus-root DIR] [--json]

PRED_DIR/<story>.json is the output of `parallax align --json <corpus-root>/<story>`.
Article ids are file names. Passage start/end are byte offsets into the UTF-8 file.

Gold sentences are located in the file text (read from --corpus-root/<story>/<file> when
given; otherwise reconstructed from the predicted passages' start/end/text). A gold
sentence maps to every predicted passage that overlaps it by at least half of the
sentence's bytes.

Claims are scored pairwise over cross-article pairs:
  gold pairs  = pairs of sentences from different articles in the same gold claim;
  pred pairs  = pairs of passages from different articles in the same predicted claim,
                mapped to gold sentences.
  lenient     = only pairs whose both ends are labelled sentences (in some gold claim);
  strict      = a predicted pair with an end that maps to no labelled sentence is a
                false positive (one per distinct unit pair).
Discrepancies: each gold discrepancy lists its member sentences and, grouped under
"versions", the conflicting accounts (e.g. [12-injured sentences], [15-injured sentences]).
It is "found" when a predicted discrepancy of the same kind has members that map onto
sentences of at least two different versions (in two different articles; without
"versions": onto members in two articles); "loose" = same kind and at least one member
sentence; "anykind" = like found, ignoring the kind. A predicted discrepancy is
"unmatched" when it is found-matched to no gold discrepancy.
Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def reconstruct(passages):
    """Rebuild the file's bytes from passages; unknown gaps become NUL bytes."""
    size = max((p["end"] for p in passages), default=0)
    buf = bytearray(b"\0" * size)
    for p in passages:
        t = p.get("text", "").encode("utf-8")
        if len(t) == p["end"] - p["start"]:
            buf[p["start"]:p["end"]] = t
    return bytes(buf)


def locate(data, sentence, reconstructed):
    """Byte range of `sentence` in `data`, or None."""
    s = sentence.encode("utf-8")
    i = data.find(s)
    if i >= 0:
        return (i, i + len(s))
    if reconstructed:
        # Whitespace in the sentence may fall in a gap between predicted passages.
        parts = [re.escape(w) for w in s.split()]
        m = re.search(rb"[\s\0]+".join(parts), data)
        if m:
            return (m.start(), m.end())
    return None


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_story(story, gold_story, pred, corpus_root, warn):
    # ---- articles, passages ----
    pred_articles = {a["id"]: a for a in pred.get("articles", [])}
    passages = {aid: {p["index"]: p for p in a.get("passages", [])} for aid, a in pred_articles.items()}

    # ---- labelled sentences: id = (article, sentence text) ----
    labelled = []
    seen = set()
    for c in gold_story["claims"]:
        for art, sent in c["members"]:
            if (art, sent) not in seen:
                seen.add((art, sent))
                labelled.append((art, sent))

    # file data per article
    data = {}
    for art in {a for a, _ in labelled}:
        if corpus_root:
            path = os.path.join(corpus_root, story, art)
            with open(path, "rb") as f:
                data[art] = (f.read(), False)
        elif art in passages:
            data[art] = (reconstruct(list(passages[art].values())), True)
        else:
            data[art] = (b"", True)

    span = {}
    for art, sent in labelled:
        blob, rec = data[art]
        r = locate(blob, sent, rec)
        if r is None:
            warn(f"{story}: cannot locate gold sentence in {art}: {sent[:60]!r}")
        span[(art, sent)] = r

    # sentence -> passages, passage -> sentences
    sent2pass = defaultdict(set)
    pass2sent = defaultdict(set)
    for (art, sent), r in span.items():
        if r is None:
            continue
        s, e = r
        for idx, p in passages.get(art, {}).items():
            ov = min(e, p["end"]) - max(s, p["start"])
            if ov > 0 and 2 * ov >= (e - s):
                sent2pass[(art, sent)].add(idx)
                pass2sent[(art, idx)].add((art, sent))

    # ---- gold pairs ----
    def key(a, b):
        return (a, b) if a <= b else (b, a)

    gold_pairs = set()
    for c in gold_story["claims"]:
        mem = list(dict.fromkeys(tuple(m) for m in c["members"]))
        for i in range(len(mem)):
            for j in range(i + 1, len(mem)):
                if mem[i][0] != mem[j][0]:
                    gold_pairs.add(key(mem[i], mem[j]))

    # ---- predicted pairs ----
    def units(art, idx):
        s = pass2sent.get((art, idx))
        if s:
            return [("L",) + x for x in s], True
        return [("U", art, idx)], False

    lenient, strict = set(), set()
    for c in pred.get("claims", []):
        mem = list(dict.fromkeys((m["article"], m["passage"]) for m in c.get("members", [])))
        for i in range(len(mem)):
            for j in range(i + 1, len(mem)):
                (a1, p1), (a2, p2) = mem[i], mem[j]
                if a1 == a2:
                    continue
                u1, l1 = units(a1, p1)
                u2, l2 = units(a2, p2)
                for x in u1:
                    for y in u2:
                        if x[0] == "L" and y[0] == "L":
                            if x[1] == y[1]:
                                continue
                            pr = key(x[1:], y[1:])
                            lenient.add(pr)
                            strict.add(pr)
                        else:
                            strict.add(key(x, y))

    res = {}
    for name, pset in (("lenient", lenient), ("strict", strict)):
        tp = len(pset & gold_pairs)
        fp = len(pset - gold_pairs)
        fn = len(gold_pairs - pset)
        res[name] = {"tp": tp, "fp": fp, "fn": fn}

    # ---- discrepancies ----
    gold_disc = []
    for c in gold_story["claims"]:
        for d in c.get("discrepancies", []):
            versions = [{tuple(m) for m in v} for v in d.get("versions", [])]
            gold_disc.append((d["kind"], {tuple(m) for m in d["members"]}, d.get("detail", ""), versions))
    pred_disc = []
    pclaims = {c.get("id", i): c for i, c in enumerate(pred.get("claims", []))}
    for d in pred.get("discrepancies", []):
        mem = d.get("members")
        if not mem and d.get("claim") in pclaims:
            mem = pclaims[d["claim"]].get("members", [])
        sents = set()
        for m in mem or []:
            sents |= pass2sent.get((m["article"], m["passage"]), set())
        pred_disc.append((d.get("kind"), sents, d.get("detail", "")))

    def spans(gd, pd):
        """Do the predicted members cover two conflicting versions (or, without versions, two articles)?"""
        inter = gd[1] & pd[1]
        if gd[3]:
            hit_versions = [v & pd[1] for v in gd[3] if v & pd[1]]
            return len(hit_versions) >= 2 and len({a for a, _ in inter}) >= 2
        return len({a for a, _ in inter}) >= 2

    def hit(gd, pd, loose=False):
        if loose:
            return gd[0] == pd[0] and len(gd[1] & pd[1]) >= 1
        return gd[0] == pd[0] and spans(gd, pd)

    disc = defaultdict(lambda: {"gold": 0, "found": 0, "found_loose": 0, "found_any_kind": 0,
                                "pred": 0, "pred_unmatched": 0})
    missed = []
    for gd in gold_disc:
        k = disc[gd[0]]
        k["gold"] += 1
        if any(hit(gd, pd) for pd in pred_disc):
            k["found"] += 1
        else:
            missed.append(f"{gd[0]}: {gd[2]}")
        if any(hit(gd, pd, loose=True) for pd in pred_disc):
            k["found_loose"] += 1
        if any(spans(gd, pd) for pd in pred_disc):
            k["found_any_kind"] += 1
    for pd in pred_disc:
        k = disc[pd[0]]
        k["pred"] += 1
        if not any(hit(gd, pd) for gd in gold_disc):
            k["pred_unmatched"] += 1

    unmapped = [f"{a}: {s[:50]!r}" for (a, s) in labelled if not sent2pass.get((a, s))]

    def show(u):
        if u[0] == "U":
            p = passages.get(u[1], {}).get(u[2], {})
            return f"{u[1]}#{u[2]} (unlabelled) {p.get('text', '')[:45]!r}"
        if u[0] == "L":
            u = u[1:]
        return f"{u[0]} {u[1][:45]!r}"
    fp_pairs = sorted(f"{show(a)}  <->  {show(b)}" for a, b in strict - gold_pairs)
    return {"pairs": res, "gold_pairs": len(gold_pairs), "disc": dict(disc), "false_positive_pairs": fp_pairs,
            "missed_discrepancies": missed, "unmapped_sentences": unmapped}


def fmt(c):
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={c['tp']} fp={c['fp']} fn={c['fn']})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred_dir")
    ap.add_argument("--corpus-root", help="folder holding <story>/<file>.txt (recommended)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed discrepancies, false-positive pairs, unmapped sentences")
    args = ap.parse_args()

    gold = load_json(args.gold)
    warnings = []
    warn = warnings.append
    results = {}
    for story, gs in sorted(gold["corpora"].items()):
        path = os.path.join(args.pred_dir, story + ".json")
        if os.path.exists(path):
            pred = load_json(path)
        else:
            warn(f"{story}: no prediction file {path}; scoring as empty")
            pred = {"articles": [], "claims": [], "discrepancies": []}
        results[story] = score_story(story, gs, pred, args.corpus_root, warn)

    micro = {v: {"tp": 0, "fp": 0, "fn": 0} for v in ("lenient", "strict")}
    dmicro = defaultdict(lambda: defaultdict(int))
    for r in results.values():
        for v in micro:
            for k in ("tp", "fp", "fn"):
                micro[v][k] += r["pairs"][v][k]
        for kind, c in r["disc"].items():
            for k, n in c.items():
                dmicro[kind][k] += n

    if args.json:
        out = {"stories": results, "micro": {v: dict(micro[v], **dict(zip(("p", "r", "f1"), prf(**micro[v]))))
                                              for v in micro},
               "discrepancies": {k: dict(v) for k, v in dmicro.items()}, "warnings": warnings}
        print(json.dumps(out, indent=1, ensure_ascii=False))
        return

    for w in warnings:
        print("warning:", w, file=sys.stderr)
    print("== claim alignment (cross-article sentence pairs) ==")
    for story, r in results.items():
        print(f"{story}  [gold pairs {r['gold_pairs']}]")
        print(f"  lenient {fmt(r['pairs']['lenient'])}")
        print(f"  strict  {fmt(r['pairs']['strict'])}")
        if r["unmapped_sentences"]:
            print(f"  ({len(r['unmapped_sentences'])} gold sentences map to no predicted passage)")
    print("MICRO")
    print(f"  lenient {fmt(micro['lenient'])}")
    print(f"  strict  {fmt(micro['strict'])}")
    print()
    print("== discrepancies (micro over stories) ==")
    print(f"  {'kind':<12}{'gold':>5}{'found':>7}{'loose':>7}{'anykind':>9}{'pred':>6}{'unmatched':>11}{'prec':>7}")
    tot = defaultdict(int)
    for kind in sorted(dmicro, key=str):
        c = dmicro[kind]
        for k, n in c.items():
            tot[k] += n
        prec = (c["pred"] - c["pred_unmatched"]) / c["pred"] if c["pred"] else float("nan")
        print(f"  {str(kind):<12}{c['gold']:>5}{c['found']:>7}{c['found_loose']:>7}{c['found_any_kind']:>9}"
              f"{c['pred']:>6}{c['pred_unmatched']:>11}{prec:>7.3f}")
    prec = (tot["pred"] - tot["pred_unmatched"]) / tot["pred"] if tot["pred"] else float("nan")
    print(f"  {'ALL':<12}{tot['gold']:>5}{tot['found']:>7}{tot['found_loose']:>7}{tot['found_any_kind']:>9}"
          f"{tot['pred']:>6}{tot['pred_unmatched']:>11}{prec:>7.3f}")
    print("  found = same kind, members hit two conflicting gold versions (in 2 articles); loose = same kind, >=1 gold sentence;")
    print("  anykind = found ignoring kind; unmatched = predicted discrepancies that found-match no gold one; prec = 1 - unmatched/pred")
    if args.verbose:
        for story, r in results.items():
            for m in r["missed_discrepancies"]:
                print(f"  missed [{story}] {m}")
            for fp in r["false_positive_pairs"]:
                print(f"  false-positive pair [{story}] {fp}")
            for u in r["unmapped_sentences"]:
                print(f"  unmapped [{story}] {u}")


if __name__ == "__main__":
    main()
