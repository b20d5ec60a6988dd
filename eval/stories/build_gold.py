#!/usr/bin/env python3
"""Builds gold.json from short unique snippets; each snippet is expanded to the whole
sentence (or headline) containing it, so gold members are exact file text.
Run: python3 build_gold.py  (writes gold.json next to this script)."""
import json, os, re, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
SPLIT = re.compile(r'(?<=[.!?])["\u201d\u2019)]*\s+(?=["\u201c\u2018(]?[A-Z0-9\u00c0-\u00de])')

def sentences(path):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    out = [lines[0].strip()]  # headline
    for line in lines[1:]:
        line = line.strip()
        if not line:
            continue
        pos = 0
        for m in re.finditer(r'(?<=[.!?])["\u201d\u2019)]*(?=\s+["\u201c\u2018(]?[A-Z0-9\u00c0-\u00de])', line):
            out.append(line[pos:m.end()].strip()); pos = m.end()
        out.append(line[pos:].strip())
    return [s for s in out if s]

def resolve(story, outlet, snip, cache):
    key = (story, outlet)
    if key not in cache:
        cache[key] = sentences(os.path.join(ROOT, story, outlet))
    sents = cache[key]
    if snip == "H":
        return sents[0]
    hits = [s for s in sents if snip in s]
    if len(hits) != 1:
        sys.exit(f"{story}/{outlet}: snippet {snip!r} matched {len(hits)} sentences")
    return hits[0]

# story -> list of (fact, [(outlet, snippet)], [(kind, detail, [[version A (outlet, snippet)...], [version B ...]])])
# A discrepancy's versions are the conflicting accounts; its members are all version sentences.
C = {}
F, W, K, T = "carrow-courier.txt", "northline-wire.txt", "chemweek.txt", "kvtv-news.txt"
C["plant-fire"] = [
 ("Two workers were killed in the fire",
  [(F,"H"),(F,"Two workers were killed and 12"),(W,"H"),(W,"killed two workers"),(K,"killed two employees"),(T,"H"),(T,"Two people are dead")],
  [("attribution","Fire Chief Dana Whitcomb said vs the plant's owner said",[[(F,"Two workers were killed and 12")],[(W,"killed two workers")]])]),
 ("Number of people injured",
  [(F,"H"),(F,"Two workers were killed and 12"),(W,"H"),(W,"killed two workers"),(T,"H"),(T,"Two people are dead")],
  [("number","12 injured (fire chief) / a dozen vs 15 injured (company)",[[(F,"H"),(F,"Two workers were killed and 12"),(T,"H"),(T,"Two people are dead")],[(W,"H"),(W,"killed two workers")]])]),
 ("When the fire broke out",
  [(F,"Two workers were killed and 12"),(W,"killed two workers"),(T,"Two people are dead"),(K,"killed two employees")],
  [("date","late Tuesday / Tuesday night vs early Wednesday",[[(K,"killed two employees")],[(F,"Two workers were killed and 12"),(W,"killed two workers"),(T,"Two people are dead")]])]),
 ("An explosion preceded the fire",
  [(F,"followed an explosion"),(T,"no explosion at the site")],
  [("negation","fire chief: blaze followed an explosion vs company: no explosion",[[(F,"followed an explosion")],[(T,"no explosion at the site")]])]),
 ("The fire started at the solvent storage",
  [(F,"followed an explosion"),(K,"near a solvent storage tank")], []),
 ("About 80 firefighters from six departments responded",
  [(F,"About 80 firefighters"),(W,"about 80 in all")], []),
 ("The fire burned for 13 hours before being controlled",
  [(F,"About 80 firefighters"),(W,"after thirteen hours")], []),
 ("Residents within a mile told to stay indoors / shelter in place",
  [(F,"Residents within one mile"),(T,"H"),(T,"Everyone living within a mile")], []),
 ("DEQ air monitoring found no hazardous levels",
  [(W,"Air monitoring by the state"),(T,"Air monitors run by the DEQ")], []),
 ("CEO statement: heartbroken/saddened, will cooperate with investigators",
  [(F,"We are heartbroken"),(W,"Lindqvist said the company was heartbroken"),(T,"We are deeply saddened")],
  [("quote","'heartbroken ... cooperate fully with investigators' vs 'deeply saddened ... working closely with the authorities'",[[(F,"We are heartbroken")],[(T,"We are deeply saddened")]])]),
 ("Company sets up $500,000 fund for victims' families",
  [(W,"relief fund"),(T,"$500,000 to a fund")], []),
 ("How many plants Vesta operates (this is one of them)",
  [(F,"one of two Vesta operates"),(K,"one of 39 plants")],
  [("scope","one of two plants in the state vs one of 39 plants worldwide",[[(F,"one of two Vesta operates")],[(K,"one of 39 plants")]])]),
 ("The plant employs about 310 people",
  [(F,"one of two Vesta operates"),(K,"employs about 310 workers")], []),
 ("About 40 workers were on shift when the fire started",
  [(W,"About 40 workers were on shift"),(T,"Police said about 40 workers")],
  [("attribution","according to the company vs police said",[[(W,"About 40 workers were on shift")],[(T,"Police said about 40 workers")]])]),
 ("The Chemical Safety Board (CSB) is investigating",
  [(W,"The Chemical Safety Board (CSB)"),(K,"The CSB has opened")], []),
]

L, B, R, M = "brennock-ledger.txt", "civic-beat.txt", "radio-brennock.txt", "metro-post.txt"
C["council-budget"] = [
 ("The council approved the 2027 budget",
  [(L,"H"),(L,"approved a $1.42 billion budget"),(B,"H"),(B,"voted 7-4 on Monday"),(R,"H"),(R,"approved a $1.4 billion"),(M,"narrowly approved")], []),
 ("The vote tally",
  [(L,"H"),(L,"approved a $1.42 billion budget"),(B,"voted 7-4 on Monday"),(R,"approved a $1.4 billion"),(M,"Four of the 11")],
  [("number","7-4 (four voted no) vs 8-3",[[(R,"approved a $1.4 billion")],[(L,"H"),(L,"approved a $1.42 billion budget"),(B,"voted 7-4 on Monday"),(M,"Four of the 11")]])]),
 ("When the vote took place",
  [(L,"approved a $1.42 billion budget"),(B,"voted 7-4 on Monday"),(R,"The vote came Monday night"),(M,"narrowly approved")],
  [("date","Monday night vs early Tuesday",[[(M,"narrowly approved")],[(L,"approved a $1.42 billion budget"),(B,"voted 7-4 on Monday"),(R,"The vote came Monday night")]])]),
 ("The budget totals $1.42 billion",
  [(L,"H"),(L,"approved a $1.42 billion budget"),(R,"approved a $1.4 billion")], []),
 ("Hours of public comment/testimony before the vote",
  [(L,"approved a $1.42 billion budget"),(B,"voted 7-4 on Monday"),(R,"The vote came Monday night")], []),
 ("Property tax rate rises 2.9%",
  [(L,"raises the property tax rate"),(B,"2.9 percent increase"),(M,"H"),(M,"narrowly approved"),(M,"$96 more a year")], []),
 ("Bus fares frozen for a second year",
  [(L,"raises the property tax rate"),(M,"H"),(M,"Bus fares will stay")], []),
 ("Mayor: budget keeps streets safe and buses running",
  [(L,"This budget keeps our streets"),(B,"Kowalczyk said the budget would keep streets"),(M,"keep our streets safe")], []),
 ("Projected $61 million full-year deficit",
  [(L,"$61 million deficit"),(M,"$61 million gap")],
  [("attribution","the mayor warned vs budget director Amos Keel said",[[(L,"$61 million deficit")],[(M,"$61 million gap")]])]),
 ("Third-quarter revenue $18 million below projections",
  [(B,"Third-quarter revenue"),(R,"$18 million shortfall")], []),
 ("The budget cuts $3 million from libraries",
  [(L,"quietly cuts"),(M,"The plan also cuts $3 million"),(R,"H"),(R,"rejected claims from opponents"),(R,"not a single dollar")],
  [("negation","$3 million library cut (asserted by Metro Post, claimed by Fenn) vs mayor denies any library cut",[[(M,"The plan also cuts $3 million"),(L,"quietly cuts")],[(R,"H"),(R,"rejected claims from opponents"),(R,"not a single dollar")]])]),
 ("Size of the police budget increase",
  [(B,"The police budget grows by 6%"),(R,"increase in police spending at 4.5%")],
  [("number","6% vs 4.5%",[[(B,"The police budget grows by 6%")],[(R,"increase in police spending at 4.5%")]])]),
 ("Capital Improvement Plan (CIP) of $275 million",
  [(B,"Capital Improvement Plan (CIP)"),(R,"The CIP, the city's")], []),
 ("The budget adds 45 firefighter positions",
  [(L,"adds 45 firefighter positions"),(B,"adds 45 firefighter positions")],
  [("attribution","according to the mayor's office vs according to Firefighters Local 112",[[(L,"adds 45 firefighter positions")],[(B,"adds 45 firefighter positions")]])]),
 ("The budget takes effect January 1",
  [(L,"It takes effect on January 1."),(R,"takes effect January 1")], []),
]

TW, DS, HJ, SD = "techwire.txt", "daily-sentinel.txt", "healthbiz-journal.txt", "securitydesk.txt"
C["data-breach"] = [
 ("Stolen Lumora data was posted on Black Kestrel's leak site",
  [(TW,"H"),(TW,"confirmed on Monday"),(SD,"H"),(SD,"has published what it says"),(SD,"On Monday, Lumora confirmed")], []),
 ("Ransomware group Black Kestrel is behind the attack",
  [(TW,"confirmed on Monday"),(DS,"Black Kestrel claimed responsibility"),(SD,"H"),(SD,"has published what it says")], []),
 ("Number of patients affected",
  [(TW,"2.3 million patient records"),(DS,"H"),(DS,"fewer than 400,000 patients were affected"),(HJ,"about 390,000 patients"),(SD,"H"),(SD,"has published what it says")],
  [("number","2.3 million (hackers' claim) vs fewer than 400,000 / about 390,000 (company)",[[(TW,"2.3 million patient records"),(SD,"H"),(SD,"has published what it says")],[(DS,"H"),(DS,"fewer than 400,000 patients were affected"),(HJ,"about 390,000 patients")]])]),
 ("Social Security numbers were exposed",
  [(DS,"no Social Security numbers"),(SD,"Samples posted on the leak site")],
  [("negation","company: no SSNs exposed vs leaked samples include SSNs",[[(DS,"no Social Security numbers")],[(SD,"Samples posted on the leak site")]])]),
 ("Names, dates of birth and appointment records were exposed",
  [(TW,"Names, dates of birth"),(HJ,"The exposed data included"),(SD,"Samples posted on the leak site")], []),
 ("When Lumora discovered the intrusion",
  [(TW,"detected the intrusion on October 14"),(HJ,"H"),(HJ,"discovered the breach on October 12")],
  [("date","October 14 vs October 12",[[(TW,"detected the intrusion on October 14")],[(HJ,"H"),(HJ,"discovered the breach on October 12")]])]),
 ("Lumora disclosed the breach in a regulatory (SEC) filing",
  [(TW,"detected the intrusion on October 14"),(DS,"disclosed the breach on October 21")], []),
 ("Friday statement: no evidence patient data was misused",
  [(DS,"We have found no evidence"),(HJ,"Lumora said on Friday"),(SD,"The company had earlier said")],
  [("quote","'We have found no evidence that any patient information has been misused' vs 'We have no evidence that patient data has been misused'",[[(DS,"We have found no evidence")],[(SD,"The company had earlier said")]])]),
 ("Attackers entered through a compromised vendor account",
  [(TW,"compromised vendor account"),(SD,"compromised vendor account")],
  [("attribution","according to Lumora vs according to Halvard Security researchers",[[(TW,"compromised vendor account")],[(SD,"compromised vendor account")]])]),
 ("Lumora shares fell on Wednesday",
  [(TW,"dropped 11%"),(HJ,"fell 8%")],
  [("number","11% vs 8%",[[(TW,"dropped 11%")],[(HJ,"fell 8%")]])]),
 ("A class-action lawsuit was filed in federal court",
  [(TW,"class-action lawsuit accusing"),(DS,"filed a class-action lawsuit")], []),
 ("Earlier (2023) breach at a Lumora billing vendor",
  [(DS,"In 2023, a billing vendor"),(SD,"previously caught up in a 2023 breach")], []),
]

G, H, V, I = "goalline.txt", "sports-herald.txt", "varnholm-today.txt", "transfer-insider.txt"
C["striker-transfer"] = [
 ("Reyval joins Varnholm from Harwick Rovers",
  [(G,"H"),(G,"have signed striker"),(H,"H"),(H,"to sign Tomás Reyval"),(V,"H"),(V,"is a Varnholm player"),(I,"H"),(I,"have sold Tomás Reyval")], []),
 ("Transfer fee",
  [(G,"H"),(G,"have signed striker"),(H,"to sign Tomás Reyval"),(I,"H"),(I,"have sold Tomás Reyval")],
  [("number","€48m (~£42m) rising to €53m with add-ons vs €55m plus €5m add-ons",[[(G,"H"),(G,"have signed striker"),(H,"to sign Tomás Reyval")],[(I,"H"),(I,"have sold Tomás Reyval")]])]),
 ("The fee is a Varnholm club record",
  [(G,"most expensive signing"),(H,"H"),(H,"to sign Tomás Reyval")], []),
 ("Length of Reyval's contract",
  [(G,"most expensive signing"),(H,"four-year deal"),(V,"is a Varnholm player")],
  [("number","five-year contract vs four-year deal with option of a fifth",[[(H,"four-year deal")],[(G,"most expensive signing"),(V,"is a Varnholm player")]])]),
 ("Reyval passed/completed his medical",
  [(V,"is a Varnholm player"),(I,"H"),(I,"completed his medical")],
  [("date","Thursday vs Wednesday",[[(V,"is a Varnholm player")],[(I,"H"),(I,"completed his medical")]])]),
 ("Reyval: Varnholm is ambitious, he wants to win trophies",
  [(V,"H"),(V,"is a club with huge ambition, and"),(H,"Reyval said he had joined")], []),
 ("Reyval's wages (about €180,000 / £155,000 a week)",
  [(H,"His wages"),(I,"will earn €180,000")],
  [("attribution","according to sources at Varnholm vs according to his agent",[[(H,"His wages")],[(I,"will earn €180,000")]])]),
 ("The deal includes a sell-on clause for Harwick",
  [(I,"H"),(I,"15% sell-on clause"),(H,"denied reports")],
  [("negation","deal includes a 15% sell-on clause vs Harwick denied a sell-on clause",[[(I,"H"),(I,"15% sell-on clause")],[(H,"denied reports")]])]),
 ("Reyval's goals last season",
  [(G,"23 league goals"),(V,"31 goals in all competitions")],
  [("scope","23 league goals vs 31 goals in all competitions",[[(G,"23 league goals")],[(V,"31 goals in all competitions")]])]),
 ("Harwick signed him from a Portuguese club in 2022 (€12m / £10.5m)",
  [(G,"from Estrela do Norte in 2022"),(H,"paid £10.5 million")], []),
 ("Harwick statement thanks Reyval for three outstanding seasons",
  [(G,"We thank Tomás"),(V,"Harwick thanked Reyval")], []),
 ("Reyval will wear the number 9 shirt",
  [(V,"number 9 shirt"),(I,"number 9 shirt")], []),
 ("Possible debut on Saturday against Lindenfeld",
  [(G,"could make his debut"),(V,"make his debut against Lindenfeld")], []),
]

def main():
    cache, gold = {}, {"corpora": {}}
    for story, claims in C.items():
        out = []
        for fact, members, discs in claims:
            mem = [[o, resolve(story, o, s, cache)] for o, s in members]
            if len({o for o, _ in mem}) < 2:
                sys.exit(f"{story}: claim {fact!r} has members from fewer than 2 articles")
            ds = []
            for kind, detail, groups in discs:
                versions = [[[o, resolve(story, o, s, cache)] for o, s in grp] for grp in groups]
                dmem = [m for v in versions for m in v]
                assert len(versions) >= 2, (story, fact, "a discrepancy needs two versions")
                assert all(m in mem for m in dmem), (story, fact, "discrepancy member not in claim")
                ds.append({"kind": kind, "detail": detail, "members": dmem, "versions": versions})
            out.append({"fact": fact, "members": mem, "discrepancies": ds})
        gold["corpora"][story] = {"claims": out}
    with open(os.path.join(ROOT, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
    n = sum(len(v["claims"]) for v in gold["corpora"].values())
    d = sum(len(c["discrepancies"]) for v in gold["corpora"].values() for c in v["claims"])
    print(f"wrote gold.json: {n} claims, {d} discrepancies")

if __name__ == "__main__":
    main()
