//! Annotations must never be lost: round trips, crashes mid-save, two writers, edited
//! articles, unreadable files, and the `parallax annotations` command.
//!
//! Crash and multi-process tests re-run this test binary as a child process (see
//! [`child_writer`]), so they exercise the real store code in a separate process that can be
//! killed with SIGKILL.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use parallax::analysis::{Claim, Member};
use parallax::annotate::{Change, Label, Status, Store, Target};
use parallax::{Analysis, Corpus, PassageRef, pipeline};
use tempfile::TempDir;

mod support;

const ARTICLE: &str = "Plant closes after fire\n\n\
The plant shut on Monday after a fire in the boiler room. Workers were sent home early. \
The owner said repairs would take 13 weeks.\n\n\
Unions asked for pay during the closure. The mayor promised to help.\n";

const OTHER: &str = "Factory fire halts work\n\n\
A fire closed the factory on Monday. The owner expects repairs to last 13 weeks.\n";

/// A corpus folder with the given files.
fn corpus(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn analysis(dir: &Path) -> Analysis {
    pipeline::analyse_default(Corpus::load(&[dir.to_path_buf()]).unwrap())
}

/// The passage of article `article` whose text contains `needle`.
fn passage_with(a: &Analysis, article: &str, needle: &str) -> PassageRef {
    let i = a.corpus.find(article).unwrap();
    let art = &a.corpus.articles[i];
    let p = art.passages.iter().position(|p| art.text[p.range()].contains(needle)).unwrap();
    PassageRef { article: i, passage: p }
}

fn open(dir: &Path) -> Store {
    let store = Store::open(&[dir.to_path_buf()]).unwrap();
    assert!(store.read_only().is_none(), "{:?}", store.read_only());
    store
}

fn file_of(dir: &Path) -> PathBuf {
    dir.join(".parallax").join("annotations.json")
}

#[test]
fn round_trip_keeps_everything() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let at = passage_with(&an, "a.txt", "Workers were sent");
    let target = Target::passage(&an.corpus, at).unwrap();

    let mut store = open(dir.path());
    let id = store
        .add(target.clone(), Some(Label::Disputed), "Other outlets say\nnobody left.", vec!["staff".into()])
        .unwrap();
    store.update(&id, Change::AddTags(vec!["check, later".into()])).unwrap();
    let saved = store.get(&id).unwrap().clone();
    assert_eq!(saved.tags, ["staff", "check", "later"]);

    let text = std::fs::read_to_string(file_of(dir.path())).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert!(text.contains("\n  "), "pretty-printed for people");
    assert!(text.contains("\"quote\": \"Workers were sent home early.\""));

    let mut again = open(dir.path());
    assert_eq!(again.annotations().len(), 1);
    assert_eq!(again.get(&id).unwrap(), &saved);
    assert_eq!(again.find(&target).unwrap().id, id);
    again.reanchor(&an);
    assert_eq!(again.placement(&id).unwrap().status, Status::Anchored);
    assert_eq!(again.at_passage(&an, at).len(), 1);
    assert_eq!(again.filter(Some(Label::Disputed), Some("check")).len(), 1);
    assert!(again.filter(Some(Label::Verified), None).is_empty());
    assert!(again.tags().contains("later"));
}

#[test]
fn every_change_is_saved_at_once_and_undo_is_saved_too() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "mayor")).unwrap();
    let mut store = open(dir.path());

    // `a` twice on the same passage changes the label instead of adding a second annotation.
    let id = store.apply(&target, Change::Label(Some(Label::Verified))).unwrap().unwrap();
    assert_eq!(open(dir.path()).get(&id).unwrap().label, Some(Label::Verified));
    assert_eq!(store.apply(&target, Change::Label(Some(Label::Question))).unwrap(), Some(id.clone()));
    assert_eq!(open(dir.path()).annotations().len(), 1);
    store.apply(&target, Change::Note("ask the council".into())).unwrap();
    assert_eq!(open(dir.path()).get(&id).unwrap().note, "ask the council");
    store.delete(&id).unwrap();
    assert!(open(dir.path()).get(&id).is_none());

    // Undo walks back through delete, note, label, add; each step is on disk at once.
    assert_eq!(store.undo().unwrap(), Some(id.clone()));
    assert_eq!(open(dir.path()).get(&id).unwrap().note, "ask the council");
    store.undo().unwrap();
    assert_eq!(open(dir.path()).get(&id).unwrap().note, "");
    store.undo().unwrap();
    assert_eq!(open(dir.path()).get(&id).unwrap().label, Some(Label::Verified));
    store.undo().unwrap();
    assert!(open(dir.path()).annotations().is_empty());
    assert!(!store.can_undo());
    assert_eq!(store.undo().unwrap(), None);
    // Clearing a label where there is no annotation creates nothing.
    assert_eq!(store.apply(&target, Change::Label(None)).unwrap(), None);
}

#[test]
fn a_deleted_annotation_is_not_resurrected_by_a_stale_writer() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let t1 = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap();
    let t2 = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Unions")).unwrap();
    let mut first = open(dir.path());
    let gone = first.add(t1, Some(Label::Important), "", vec![]).unwrap();
    let mut stale = open(dir.path()); // still holds `gone`
    first.delete(&gone).unwrap();
    let kept = stale.add(t2, None, "kept", vec![]).unwrap();
    let store = open(dir.path());
    assert!(store.get(&gone).is_none());
    assert!(store.get(&kept).is_some());
    // The stale process learns about the deletion too.
    assert!(stale.get(&gone).is_none());
}

#[test]
fn refresh_picks_up_another_process_changes() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap();
    let mut reader = open(dir.path());
    assert!(!reader.refresh().unwrap());
    let mut writer = open(dir.path());
    let id = writer.add(target.clone(), Some(Label::Important), "", vec![]).unwrap();
    assert!(reader.refresh().unwrap());
    assert!(!reader.refresh().unwrap(), "nothing new the second time");
    reader.place(&an);
    assert_eq!(reader.in_span(an.corpus.find("a.txt").unwrap(), 0..ARTICLE.len()).len(), 1);
    writer.update(&id, Change::Note("more".into())).unwrap();
    assert!(reader.refresh().unwrap());
    assert_eq!(reader.get(&id).unwrap().note, "more");
    writer.delete(&id).unwrap();
    assert!(reader.refresh().unwrap());
    assert!(reader.annotations().is_empty());
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap();
    const N: usize = 40;
    std::thread::scope(|s| {
        for w in 0..2 {
            let (dir, target) = (dir.path(), target.clone());
            s.spawn(move || {
                let mut store = open(dir);
                for i in 0..N {
                    store.add(target.clone(), None, &format!("writer {w} note {i}"), vec![]).unwrap();
                }
            });
        }
    });
    let store = open(dir.path());
    assert_eq!(store.annotations().len(), 2 * N);
}

#[test]
fn two_writer_processes_at_once_lose_nothing() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let file = file_of(dir.path());
    const N: usize = 30;
    let children: Vec<_> =
        (0..2).map(|_| child(&file, &format!("count:{N}")).stdout(Stdio::null()).spawn().unwrap()).collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let store = Store::open_at(file).unwrap();
    assert!(store.read_only().is_none());
    assert_eq!(store.annotations().len(), 2 * N);
}

#[test]
fn two_processes_labelling_one_passage_at_once_end_with_one_merged_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annotations.json");
    let go = dir.path().join("go");
    for round in 0..3 {
        let _ = std::fs::remove_file(&file);
        let children: Vec<_> = ["one", "two"]
            .iter()
            .map(|who| {
                child(&file, &format!("same:{who}"))
                    .env("PARALLAX_TEST_GO", &go)
                    .stdout(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        // Both have opened the (empty) store before either saves.
        std::thread::sleep(Duration::from_millis(300));
        std::fs::write(&go, b"").unwrap();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        std::fs::remove_file(&go).unwrap();
        let store = Store::open_at(file.clone()).unwrap();
        let all = store.annotations();
        assert_eq!(all.len(), 1, "round {round}: {all:#?}");
        let mut tags = all[0].tags.clone();
        tags.sort();
        assert_eq!(tags, ["one", "two"], "round {round}");
        assert!(
            all[0].note.contains("note of one") && all[0].note.contains("note of two"),
            "{}",
            all[0].note
        );
        assert_eq!(all[0].label, Some(Label::Question));
    }
}

#[test]
fn kill_9_during_saves_never_leaves_a_torn_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annotations.json");
    let mut last = 0;
    for round in 0..50u64 {
        let mut c = child(&file, "loop").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        if round == 0 {
            // However slow the machine, let the first child save at least once.
            let t = std::time::Instant::now();
            while !file.exists() && t.elapsed() < Duration::from_secs(20) {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        std::thread::sleep(Duration::from_millis(5 + random(round) % 80));
        c.kill().unwrap(); // SIGKILL on Unix
        c.wait().unwrap();
        if let Ok(text) = std::fs::read_to_string(&file) {
            let json: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("round {round}: torn file ({e}):\n{text}"));
            assert_eq!(json["schema_version"], 1);
            let n = json["annotations"].as_array().unwrap().len();
            assert!(n >= last, "round {round}: annotations went from {last} to {n}");
            last = n;
        }
    }
    assert!(last > 0, "the child never managed to save");
    let mut store = Store::open_at(file.clone()).unwrap();
    assert!(store.read_only().is_none());
    assert_eq!(store.annotations().len(), last);
    // The next save cleans up temp files left by killed writers.
    let target = store.annotations()[0].target.clone();
    store.add(target, None, "after the storm", vec![]).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Not a test on its own: the child process of the crash and two-process tests. It does
/// nothing unless `PARALLAX_TEST_CHILD` is set. `loop`: add annotations until killed;
/// `count:N`: add N annotations and exit; `same:WHO`: label, note and tag one passage as WHO.
#[test]
#[ignore = "child process of other tests"]
fn child_writer() {
    let (Ok(mode), Ok(file)) = (std::env::var("PARALLAX_TEST_CHILD"), std::env::var("PARALLAX_TEST_FILE"))
    else {
        return;
    };
    let corpus = Corpus::from_texts([("a.txt", ARTICLE)]);
    let target = Target::passage(&corpus, PassageRef { article: 0, passage: 1 }).unwrap();
    let mut store = Store::open_at(PathBuf::from(file)).unwrap();
    if let Some(who) = mode.strip_prefix("same:") {
        // Opened; label, write a note and tag once the test says go, without a refresh.
        let go = PathBuf::from(std::env::var("PARALLAX_TEST_GO").unwrap());
        while !go.exists() {
            std::thread::sleep(Duration::from_millis(2));
        }
        let note = Change::NoteEdit { base: String::new(), note: format!("note of {who}") };
        for change in [Change::Label(Some(Label::Question)), note, Change::AddTags(vec![who.into()])] {
            store.apply(&target, change).unwrap();
        }
        return;
    }
    let n = match mode.strip_prefix("count:") {
        Some(n) => n.parse().unwrap(),
        None => usize::MAX,
    };
    for i in 0..n {
        let note = format!("note {i} from {}: {}", std::process::id(), "x".repeat(i % 200));
        store.add(target.clone(), Some(Label::Question), &note, vec![format!("t{}", i % 3)]).unwrap();
    }
}

/// This test binary, running only [`child_writer`].
fn child(file: &Path, mode: &str) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["child_writer", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("PARALLAX_TEST_CHILD", mode)
        .env("PARALLAX_TEST_FILE", file);
    c
}

/// A pseudo-random number that differs between runs.
fn random(seed: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(seed);
    h.finish()
}

/// Annotates the sentence `quote` of `a.txt`, rewrites the article with `edit`, and returns
/// the placement status and the text at the new span.
fn after_edit(quote: &str, edit: impl Fn(&str) -> String) -> (Status, Option<String>, usize) {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", quote)).unwrap();
    let id = open(dir.path()).add(target, Some(Label::Verified), "checked", vec![]).unwrap();
    std::fs::write(dir.path().join("a.txt"), edit(ARTICLE)).unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    store.reanchor(&an);
    let p = store.placement(&id).unwrap().clone();
    let text = p.spans.first().map(|s| an.corpus.articles[s.article].text[s.range.clone()].to_string());
    (p.status, text, store.annotations().len())
}

#[test]
fn unchanged_article_stays_anchored() {
    let (status, text, _) = after_edit("Workers were sent", str::to_string);
    assert_eq!(status, Status::Anchored);
    assert_eq!(text.as_deref(), Some("Workers were sent home early."));
}

#[test]
fn text_inserted_before_the_annotation_moves_it() {
    let (status, text, _) =
        after_edit("Workers were sent", |t| t.replace("\n\nThe plant", "\n\nBy our reporter.\n\nThe plant"));
    assert_eq!(status, Status::Moved);
    assert_eq!(text.as_deref(), Some("Workers were sent home early."));
}

#[test]
fn labelling_a_moved_passage_again_updates_its_annotation() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap();
    let id = open(dir.path()).add(target, Some(Label::Verified), "seen it", vec![]).unwrap();
    std::fs::write(dir.path().join("a.txt"), format!("Breaking.\n\n{ARTICLE}")).unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    store.reanchor(&an);
    let at = passage_with(&an, "a.txt", "Workers");
    let now = Target::passage(&an.corpus, at).unwrap();
    // The passage now at the old offsets is other words: labelling it makes a new annotation.
    let stored = store.get(&id).unwrap().target.anchors()[0].clone();
    let other = Target::span(&an.corpus.articles[0], stored.start..stored.end).unwrap();
    assert!(other.same_place(&store.get(&id).unwrap().target));
    assert!(store.find(&other).is_none());
    assert_eq!(store.apply(&now, Change::Label(Some(Label::Disputed))).unwrap(), Some(id.clone()));
    assert_eq!(store.annotations().len(), 1);
    // An edit keeps the placement: the mark stays without another `place`.
    assert_eq!(store.at_passage(&an, at).len(), 1);
    assert_eq!(open(dir.path()).get(&id).unwrap().label, Some(Label::Disputed));
}

#[test]
fn text_inserted_inside_its_paragraph_moves_it() {
    let (status, text, _) = after_edit("Workers were sent", |t| {
        t.replace("boiler room. Workers", "boiler room. Firefighters came within minutes. Workers")
    });
    assert_eq!(status, Status::Moved);
    assert_eq!(text.as_deref(), Some("Workers were sent home early."));
}

#[test]
fn a_slightly_changed_sentence_is_found_again() {
    let (status, text, _) = after_edit("repairs would take", |t| t.replace("take 13 weeks", "take 14 weeks"));
    assert_eq!(status, Status::Moved);
    assert_eq!(text.as_deref(), Some("The owner said repairs would take 14 weeks."));
}

#[test]
fn a_deleted_quote_gives_an_orphan_that_is_kept() {
    let (status, text, count) =
        after_edit("repairs would take", |t| t.replace(" The owner said repairs would take 13 weeks.", ""));
    assert_eq!(status, Status::Orphaned);
    assert_eq!(text, None);
    assert_eq!(count, 1, "an orphan is never dropped");
}

#[test]
fn an_orphan_can_be_reattached_by_hand() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "repairs")).unwrap();
    let id = open(dir.path()).add(target, Some(Label::Verified), "checked", vec![]).unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        ARTICLE.replace("The owner said repairs would take 13 weeks.", "Repairs: a year."),
    )
    .unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    store.reanchor(&an);
    assert_eq!(store.placement(&id).unwrap().status, Status::Orphaned);
    assert_eq!(store.passage_of(&an, &id), None);
    let at = passage_with(&an, "a.txt", "Repairs: a year.");
    store.update(&id, Change::Retarget(Target::passage(&an.corpus, at).unwrap())).unwrap();
    store.place(&an);
    assert_eq!(store.placement(&id).unwrap().status, Status::Anchored);
    assert_eq!(store.passage_of(&an, &id), Some(at));
    assert_eq!(open(dir.path()).get(&id).unwrap().note, "checked");
}

#[test]
fn a_rewritten_sentence_does_not_land_on_other_words() {
    let (status, _, count) = after_edit("repairs would take", |t| {
        t.replace("The owner said repairs would take 13 weeks.", "Nobody could say when it would reopen.")
    });
    assert_eq!(status, Status::Orphaned);
    assert_eq!(count, 1);
}

#[test]
fn a_deleted_sentence_does_not_jump_to_a_similar_one() {
    let text = "Blast at depot\n\nPolice said 13 people were hurt in the blast. Roads were closed for hours \
                while crews worked. Later that night, police said 15 people were hurt in the crash.\n";
    let dir = corpus(&[("a.txt", text)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "13 people")).unwrap();
    let id = open(dir.path()).add(target, Some(Label::Disputed), "", vec![]).unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        text.replace("Police said 13 people were hurt in the blast. ", ""),
    )
    .unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    store.reanchor(&an);
    assert_eq!(store.placement(&id).unwrap().status, Status::Orphaned);
}

#[test]
fn a_repeated_sentence_keeps_its_own_occurrence() {
    let text = "Vote count\n\nThe count went on. Officials said it was close. The count went on. \
                Nobody slept.\n";
    let dir = corpus(&[("a.txt", text)]);
    let an = analysis(dir.path());
    let art = &an.corpus.articles[0];
    let second = art.passages.iter().filter(|p| &art.text[p.range()] == "The count went on.").nth(1).unwrap();
    let target = Target::span(art, second.range()).unwrap();
    let id = open(dir.path()).add(target, None, "second", vec![]).unwrap();
    let edited = text.replace("Vote count\n\n", "Vote count\n\nUpdated.\n\n");
    std::fs::write(dir.path().join("a.txt"), &edited).unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    store.reanchor(&an);
    let p = store.placement(&id).unwrap();
    assert_eq!(p.status, Status::Moved);
    assert!(edited[..p.spans[0].range.start].ends_with("it was close. "));
}

#[test]
fn a_removed_article_orphans_its_annotations() {
    let dir = corpus(&[("a.txt", ARTICLE), ("b.txt", OTHER)]);
    let an = analysis(dir.path());
    let id = open(dir.path())
        .add(Target::passage(&an.corpus, passage_with(&an, "b.txt", "A fire")).unwrap(), None, "n", vec![])
        .unwrap();
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    store.reanchor(&an);
    assert_eq!(store.placement(&id).unwrap().status, Status::Orphaned);
}

/// An analysis of `dir` with one hand-made claim (the aligner is not needed to test
/// re-attachment): the passages of a.txt and b.txt about the repairs, after `decoys` empty
/// claims so that its id is `decoys`.
fn with_claim(dir: &Path, decoys: usize) -> Analysis {
    let base = analysis(dir);
    let member = |at| Member { at, similarity: 1.0, evidence: vec![], span: parallax::analysis::Span(0, 0) };
    let mut claims = Vec::new();
    for id in 0..decoys {
        let at = PassageRef { article: 0, passage: id };
        claims.push(Claim { id, score: 1.0, members: vec![member(at)] });
    }
    let members = vec![
        member(passage_with(&base, "a.txt", "repairs")),
        member(passage_with(&base, "b.txt", "repairs")),
    ];
    claims.push(Claim { id: decoys, score: 1.0, members });
    Analysis::from_parts(base.corpus, claims, vec![])
}

#[test]
fn a_claim_annotation_follows_its_claim_through_edits() {
    let dir = corpus(&[("a.txt", ARTICLE), ("b.txt", OTHER)]);
    let an = with_claim(dir.path(), 0);
    let id = open(dir.path())
        .add(Target::claim(&an, 0).unwrap(), Some(Label::Disputed), "13 or 14 weeks?", vec![])
        .unwrap();

    // Edit one article and let the claim get another id.
    std::fs::write(
        dir.path().join("a.txt"),
        ARTICLE.replace("Plant closes after fire\n\n", "Plant closes after fire\n\nUpdated at noon.\n\n"),
    )
    .unwrap();
    let an = with_claim(dir.path(), 2);
    let mut store = open(dir.path());
    store.reanchor(&an);
    let p = store.placement(&id).unwrap();
    assert_eq!(p.claim, Some(2));
    assert_eq!(p.status, Status::Moved);
    // It shows beside every article's wording of the claim.
    for article in ["a.txt", "b.txt"] {
        let at = passage_with(&an, article, "repairs");
        assert_eq!(store.at_passage(&an, at).len(), 1, "{article}");
    }
    assert_eq!(store.for_claim(2).len(), 1);
    let marks = store.marks(&an);
    assert_eq!(marks.len(), 2);
    assert!(marks.values().all(|ids| ids == std::slice::from_ref(&id)));
    let md = parallax::annotate::export::markdown(&an, store.annotations());
    assert!(md.contains("### Claim 3"), "{md}"); // claim id 2, shown 1-based
    assert!(md.contains("13 or 14 weeks?"), "{md}");
}

#[test]
fn a_corrupt_file_is_never_overwritten() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let file = file_of(dir.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let garbage = b"{\"schema_version\": 1, \"annotations\": [ {\"id\": \"x\", \"tar";
    std::fs::write(&file, garbage).unwrap();
    unusable_file_is_kept(dir.path(), garbage, "not valid JSON");
}

#[test]
fn a_file_from_a_newer_version_is_never_overwritten() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let file = file_of(dir.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let newer = b"{\"schema_version\": 2, \"annotations\": [], \"highlights\": []}\n";
    std::fs::write(&file, newer).unwrap();
    unusable_file_is_kept(dir.path(), newer, "newer parallax");
}

fn unusable_file_is_kept(dir: &Path, bytes: &[u8], why: &str) {
    let file = file_of(dir);
    let an = analysis(dir);
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap();
    let mut store = Store::open(&[dir.to_path_buf()]).unwrap();
    let ro = store.read_only().unwrap().clone();
    assert!(ro.reason.contains(why), "{}", ro.reason);
    assert!(ro.reason.contains("read-only"), "{}", ro.reason);
    let backup = ro.backup.clone().unwrap();
    assert_eq!(std::fs::read(&backup).unwrap(), bytes);
    let err = store.add(target.clone(), Some(Label::Verified), "", vec![]).unwrap_err();
    assert!(matches!(err, parallax::Error::ReadOnly { .. }), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "the file must not be touched");
    // Opening again does not pile up backups.
    let _ = Store::open(&[dir.to_path_buf()]).unwrap();
    let baks = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .count();
    assert_eq!(baks, 1);
    // The CLI refuses with the reason rather than printing an empty list.
    let out = support::parallax().args(["annotations", "--json"]).arg(dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    // Starting fresh, once the user agrees, keeps the backup.
    store.start_fresh().unwrap();
    assert!(store.read_only().is_none());
    store.add(target, Some(Label::Verified), "", vec![]).unwrap();
    assert_eq!(open(dir).annotations().len(), 1);
    assert_eq!(std::fs::read(&backup).unwrap(), bytes);
}

#[test]
fn a_file_that_turns_corrupt_under_a_running_store_is_not_overwritten() {
    let dir = corpus(&[("a.txt", ARTICLE)]);
    let an = analysis(dir.path());
    let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap();
    let mut store = open(dir.path());
    store.add(target.clone(), None, "one", vec![]).unwrap();
    std::fs::write(file_of(dir.path()), "oops").unwrap();
    assert!(store.add(target, None, "two", vec![]).is_err());
    assert!(store.read_only().is_some());
    assert_eq!(std::fs::read_to_string(file_of(dir.path())).unwrap(), "oops");
    // What the process last knew is saved aside, in the normal format.
    let reason = &store.read_only().unwrap().reason;
    assert!(reason.contains(".recovered-"), "{reason}");
    let recovered = std::fs::read_dir(file_of(dir.path()).parent().unwrap())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains(".recovered-"))
        .unwrap();
    assert_eq!(Store::open_at(recovered.path()).unwrap().annotations()[0].note, "one");
    // Starting fresh writes that state back.
    store.start_fresh().unwrap();
    assert_eq!(open(dir.path()).annotations()[0].note, "one");
}

#[test]
fn locations_follow_the_corpus() {
    let dir = corpus(&[("a.txt", ARTICLE), ("b.txt", OTHER)]);
    let data = Path::new("/data");
    let folder = std::fs::canonicalize(dir.path()).unwrap();
    let beside = file_of(&folder);
    assert_eq!(Store::location_in(std::slice::from_ref(&folder), data), beside);
    assert_eq!(Store::location_in(&[], data), data.join("bundled/annotations.json"));
    // The files of a folder, in any order, or one of them: the folder's store.
    let (a, b) = (folder.join("a.txt"), folder.join("b.txt"));
    assert_eq!(Store::location_in(&[a.clone(), b.clone()], data), beside);
    assert_eq!(Store::location_in(&[b, a.clone()], data), beside);
    assert_eq!(Store::location_in(&[a], data), beside);
}

/// `parallax annotations --json` run in `cwd` on `args`, with `data` as the user data folder.
fn annotations_cli(cwd: &Path, args: &[&str], data: &Path) -> (serde_json::Value, String) {
    let out = support::parallax()
        .args(["annotations", "--json"])
        .args(args)
        .current_dir(cwd)
        .env("PARALLAX_DATA_DIR", data)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

#[test]
fn annotations_follow_the_articles_however_the_corpus_is_opened_and_old_stores_move_once() {
    let dir = corpus(&[("a.txt", ARTICLE), ("b.txt", OTHER)]);
    let folder = std::fs::canonicalize(dir.path()).unwrap();
    let data = tempfile::tempdir().unwrap();
    // An annotation saved under the old rule for `parallax a.txt b.txt`: in the data folder,
    // keyed by the sorted canonical paths.
    let files = [folder.join("a.txt"), folder.join("b.txt")];
    let key = parallax::hash::fnv1a(files.map(|f| f.display().to_string()).join("\n").as_bytes());
    let old = data.path().join("corpora").join(format!("{key:016x}")).join("annotations.json");
    let an = analysis(&folder);
    let mut store = Store::open_at(old.clone()).unwrap();
    store
        .add(
            Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap(),
            None,
            "kept",
            vec![],
        )
        .unwrap();

    let (json, said) = annotations_cli(&folder, &["a.txt", "b.txt"], data.path());
    assert_eq!(json["annotations"][0]["note"], "kept");
    assert_eq!(json["annotations"][0]["status"], "anchored");
    assert_eq!(said.matches("annotations moved from").count(), 1, "{said}");
    assert!(file_of(&folder).exists() && !old.exists());
    for (cwd, args) in [
        (dir.path(), vec!["."]),
        (dir.path(), vec!["b.txt"]),
        (data.path(), vec![dir.path().to_str().unwrap()]),
    ] {
        let (json, said) = annotations_cli(cwd, &args, data.path());
        assert_eq!(json["annotations"][0]["note"], "kept", "{args:?}");
        assert!(!said.contains("moved"), "said once only: {said}");
    }
}

#[test]
fn cli_prints_annotations_as_json_and_markdown() {
    let dir = corpus(&[("a.txt", ARTICLE), ("b.txt", OTHER)]);
    let data = tempfile::tempdir().unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    let at = passage_with(&an, "a.txt", "Workers");
    let id = store
        .add(
            Target::passage(&an.corpus, at).unwrap(),
            Some(Label::Misleading),
            "Only some.",
            vec!["staff".into()],
        )
        .unwrap();
    let orphan = store
        .add(
            Target::passage(&an.corpus, passage_with(&an, "b.txt", "A fire")).unwrap(),
            Some(Label::Question),
            "",
            vec![],
        )
        .unwrap();
    std::fs::write(dir.path().join("a.txt"), format!("Correction appended above.\n\n{ARTICLE}")).unwrap();
    std::fs::write(dir.path().join("b.txt"), OTHER.replace("A fire closed the factory on Monday. ", ""))
        .unwrap();

    let run = |args: &[&str]| {
        let out = support::parallax()
            .arg("annotations")
            .arg(dir.path())
            .args(args)
            .env("PARALLAX_DATA_DIR", data.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run(&["--json"])).unwrap();
    assert_eq!(json, serde_json::from_str::<serde_json::Value>(&run(&["--format", "json"])).unwrap());
    let rows = json["annotations"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let row = rows.iter().find(|r| r["id"] == id.as_str()).unwrap();
    for key in [
        "id", "article", "start", "end", "quote", "label", "note", "tags", "reviewed", "created", "updated",
        "status",
    ] {
        assert!(row.get(key).is_some(), "missing {key}");
    }
    assert_eq!(row["article"], "a.txt");
    assert_eq!(row["status"], "moved");
    assert_eq!(row["label"], "misleading");
    assert_eq!(row["tags"], serde_json::json!(["staff"]));
    let now = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    let (start, end) = (row["start"].as_u64().unwrap() as usize, row["end"].as_u64().unwrap() as usize);
    assert_eq!(&now[start..end], row["quote"].as_str().unwrap());
    assert_eq!(row["quote"], "Workers were sent home early.");
    let lost = rows.iter().find(|r| r["id"] == orphan.as_str()).unwrap();
    assert_eq!(lost["status"], "orphaned");
    assert!(lost["start"].is_null());

    let md = run(&["--format", "md"]);
    assert!(md.contains("**misleading** · moved — Only some."), "{md}");
    assert!(md.contains("## Orphaned"), "{md}");
    assert!(md.contains("(`a.txt`)"), "{md}");
}

#[test]
fn cli_on_the_bundled_corpus_uses_the_data_dir() {
    let data = tempfile::tempdir().unwrap();
    let out = support::parallax()
        .args(["annotations", "--json"])
        .env("PARALLAX_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["annotations"], serde_json::json!([]));
    // Reading created nothing.
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
}

mod properties {
    use super::*;
    use parallax::annotate::anchor::{Anchor, locate};
    use proptest::prelude::*;

    const WORDS: &[&str] =
        &["the", "plant", "fire", "Monday", "workers", "13", "weeks", "said", "owner", "é", "mayor"];

    fn sentence() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(WORDS), 2..9).prop_map(|w| {
            let mut s = w.join(" ");
            s.push('.');
            s
        })
    }

    fn article() -> impl Strategy<Value = String> {
        proptest::collection::vec(sentence(), 3..12).prop_map(|s| format!("Title line\n\n{}\n", s.join(" ")))
    }

    /// A random edit: replace a byte range (snapped to char boundaries) with a sentence.
    fn edit(text: &str, a: usize, b: usize, insert: &str) -> String {
        let snap = |i: usize| {
            let mut i = i % (text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (x, y) = (snap(a).min(snap(b)), snap(a).max(snap(b)));
        format!("{}{}{}", &text[..x], insert, &text[y..])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Re-anchoring never loses an annotation, never places one out of bounds or off a char
        /// boundary, and an exact placement always holds the quoted words.
        #[test]
        fn reanchoring_never_loses_an_annotation(
            text in article(), pick in 0usize..100, a in 0usize..4000, b in 0usize..4000, insert in sentence(),
        ) {
            let dir = corpus(&[("a.txt", &text)]);
            let an = analysis(dir.path());
            let art = &an.corpus.articles[0];
            let passage = &art.passages[pick % art.passages.len()];
            let target = Target::span(art, passage.range()).unwrap();
            let id = open(dir.path()).add(target, Some(Label::Important), "keep me", vec![]).unwrap();

            let edited = edit(&text, a, b, &insert);
            std::fs::write(dir.path().join("a.txt"), &edited).unwrap();
            let Ok(corpus) = Corpus::load(&[dir.path().to_path_buf()]) else { return Ok(()) };
            let an = pipeline::analyse_default(corpus);
            let mut store = open(dir.path());
            store.reanchor(&an);
            prop_assert_eq!(store.annotations().len(), 1);
            let p = store.placement(&id).unwrap();
            let quote = &store.get(&id).unwrap().target.anchors()[0].quote;
            if let Some(span) = p.spans.first() {
                let now = &an.corpus.articles[span.article].text;
                let found = now.get(span.range.clone());
                prop_assert!(found.is_some(), "span off bounds or char boundary");
                if p.status == Status::Anchored {
                    prop_assert_eq!(found.unwrap(), quote.as_str());
                }
            } else {
                prop_assert_eq!(p.status, Status::Orphaned);
            }
            // The annotation survives a save after re-anchoring.
            store.update(&id, Change::Note("still here".into())).unwrap();
            prop_assert_eq!(open(dir.path()).annotations().len(), 1);
        }

    }

    proptest! {
        // Each step fsyncs: fewer, longer cases.
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Two processes editing at once, in any interleaving: everything added survives unless
        /// someone deleted it, and nothing deleted comes back.
        #[test]
        fn interleaved_writers_never_lose_or_resurrect(ops in proptest::collection::vec((0usize..2, 0u8..4, 0usize..8), 1..24)) {
            let dir = corpus(&[("a.txt", ARTICLE)]);
            let an = analysis(dir.path());
            let target = Target::passage(&an.corpus, passage_with(&an, "a.txt", "Workers")).unwrap();
            let mut stores = [open(dir.path()), open(dir.path())];
            let mut added: Vec<String> = Vec::new();
            let mut deleted: std::collections::BTreeSet<String> = Default::default();
            for (who, op, pick) in ops {
                let store = &mut stores[who];
                match op {
                    0 | 1 => added.push(store.add(target.clone(), None, "n", vec![]).unwrap()),
                    2 => {
                        // Delete something this process still sees as live.
                        let live: Vec<String> = store.annotations().iter().map(|a| a.id.clone()).collect();
                        if let Some(id) = live.get(pick % live.len().max(1)) {
                            match store.delete(id) {
                                Ok(()) => prop_assert!(deleted.insert(id.clone()), "deleted twice"),
                                // The other process deleted it first; now this one knows.
                                Err(parallax::Error::NoAnnotation { .. }) => {
                                    prop_assert!(deleted.contains(id));
                                    prop_assert!(store.get(id).is_none());
                                }
                                Err(e) => return Err(TestCaseError::fail(e.to_string())),
                            }
                        }
                    }
                    _ => {
                        let live: Vec<String> = store.annotations().iter().map(|a| a.id.clone()).collect();
                        if let Some(id) = live.get(pick % live.len().max(1)) {
                            match store.update(id, Change::Note(format!("edit {pick}"))) {
                                Ok(()) => prop_assert!(!deleted.contains(id), "edited a deleted one"),
                                Err(parallax::Error::NoAnnotation { .. }) => prop_assert!(deleted.contains(id)),
                                Err(e) => return Err(TestCaseError::fail(e.to_string())),
                            }
                        }
                    }
                }
            }
            let fin = open(dir.path());
            for id in &added {
                prop_assert_eq!(fin.get(id).is_some(), !deleted.contains(id), "{}", id);
            }
            prop_assert_eq!(fin.annotations().len(), added.len() - deleted.len());
        }

        /// An edit that leaves the quote and its context alone never loses the quote's words.
        #[test]
        fn edits_away_from_the_quote_keep_its_words(
            text in article(), pick in 0usize..100, at in 0usize..4000, insert in sentence(),
        ) {
            let corpus = Corpus::from_texts([("a.txt", text.as_str())]);
            let art = &corpus.articles[0];
            let passage = &art.passages[pick % art.passages.len()];
            let anchor = Anchor::new(art, passage.range()).unwrap();
            let lo = text[..anchor.start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
            let hi = text[anchor.end..].char_indices().nth(40).map_or(text.len(), |(i, _)| anchor.end + i);
            let pos = at % (text.len() + 1);
            prop_assume!(pos < lo || pos > hi);
            prop_assume!(text.is_char_boundary(pos));
            let edited = format!("{}{} {}", &text[..pos], insert, &text[pos..]);
            let (range, _) = locate(&anchor, &edited).unwrap();
            prop_assert_eq!(&edited[range], anchor.quote.as_str());
        }
    }
}

/// The worst case of re-anchoring on a 50 MB article: the quote changed (fuzzy search) and its
/// seeds are common. Run with `cargo test --release -- --ignored fifty`.
#[test]
#[ignore = "slow in debug builds; run in release"]
fn fifty_megabyte_article_reanchors_in_bounded_time() {
    use parallax::annotate::anchor::{Anchor, locate};
    let filler =
        "The plant shut on Monday after a fire in the boiler room. Workers were sent home. ".repeat(600_000);
    let quote = "The council voted to close the old library on Friday after a long debate about costs.";
    let text = format!("{filler}{quote} {filler}");
    assert!(text.len() > 50_000_000);
    let start = text.find(quote).unwrap();
    let anchor = Anchor::from_text("big.txt", &text, start..start + quote.len()).unwrap();
    let edited = format!("Inserted.\n{}", text.replace("on Friday after a long", "on Thursday after a long"));
    let t = std::time::Instant::now();
    let (range, status) = locate(&anchor, &edited).unwrap();
    eprintln!("fuzzy re-anchor on {} MB: {:?}", edited.len() >> 20, t.elapsed());
    assert_eq!(status, Status::Moved);
    assert!(edited[range].contains("on Thursday"));
    let gone = edited.replace("The council voted", "Nobody knew");
    let t = std::time::Instant::now();
    assert!(locate(&anchor, &gone).is_none_or(|(r, _)| gone[r].contains("Nobody")));
    eprintln!("orphan search on {} MB: {:?}", gone.len() >> 20, t.elapsed());
    assert!(t.elapsed().as_secs() < 10);
}

#[test]
fn an_annotation_on_a_saved_page_survives_reopening_and_on_markdown_too() {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/harlow-gazette.html"),
    )
    .unwrap();
    let md = "# Ferry aground\n\n*By Jana Ortiz*\n\nThe ferry carried **212 passengers**, the [coast guard](https://cg.example) said.\n";
    let dir = corpus(&[("gazette.html", &page), ("post.md", md)]);
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    let mut ids = Vec::new();
    for (article, needle) in [("gazette.html", "Nobody was seriously hurt."), ("post.md", "212 passengers")] {
        let at = passage_with(&an, article, needle);
        ids.push(
            store.add(Target::passage(&an.corpus, at).unwrap(), Some(Label::Verified), "", vec![]).unwrap(),
        );
    }
    let quotes = std::fs::read_to_string(file_of(dir.path())).unwrap();
    assert!(
        quotes.contains("\"quote\": \"The ferry carried 212 passengers, the coast guard said.\""),
        "{quotes}"
    );
    // Opened again (the page's snapshot is read back, the Markdown read afresh): still placed.
    let an = analysis(dir.path());
    let mut again = open(dir.path());
    again.reanchor(&an);
    for id in &ids {
        assert_eq!(again.placement(id).unwrap().status, Status::Anchored, "{id}");
    }
    let post = &an.corpus.articles[an.corpus.find("post.md").unwrap()];
    let kinds: Vec<_> = post.passages.iter().map(|p| (post.text[p.range()].to_string(), p.kind)).collect();
    assert_eq!(kinds[0], ("Ferry aground".to_string(), parallax::segment::PassageKind::Title));
    assert_eq!(kinds[1], ("By Jana Ortiz".to_string(), parallax::segment::PassageKind::Byline), "{kinds:?}");
}

/// Issue 14: the Markdown export of an annotation whose passage was reworded says so and shows
/// both wordings.
#[test]
fn the_markdown_export_shows_both_wordings_of_a_changed_passage() {
    let dir = corpus(&[("a.txt", ARTICLE), ("b.txt", OTHER)]);
    let data = tempfile::tempdir().unwrap();
    let an = analysis(dir.path());
    let mut store = open(dir.path());
    let at = passage_with(&an, "a.txt", "Workers");
    store.add(Target::passage(&an.corpus, at).unwrap(), Some(Label::Disputed), "Check.", vec![]).unwrap();
    let edited = ARTICLE.replace("Workers were sent home early.", "Workers were sent home very early.");
    std::fs::write(dir.path().join("a.txt"), edited).unwrap();
    let out = support::parallax()
        .args(["annotations", "--format", "md"])
        .arg(dir.path())
        .env("PARALLAX_DATA_DIR", data.path())
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("The passage changed since it was annotated. Annotated: \"Workers were sent home early.\"; now: \"Workers were sent home very early.\""),
        "{md}"
    );
}
