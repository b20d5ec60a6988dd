//! The English word lists, in one place: what the segmenter, the features and the discrepancy
//! kinds know of the language. Each list says what it is for and who reads it; the logic that
//! reads a list (folding, suffixes, capitals) stays with its reader.
//!
//! A list compiles to one `match` on string literals, which is faster than hashing for sets this
//! small, and a word listed twice is an unreachable pattern, which the build rejects. Lists are
//! lower case and looked up with lower-case (or folded) words unless they say otherwise.
//!
//! Everything here is general English; nothing is tied to one corpus.

/// A fixed set of words.
#[derive(Clone, Copy)]
pub struct Words {
    contains: fn(&str) -> bool,
    words: &'static [&'static str],
}

impl Words {
    /// Whether `w` is in the list, exactly as written (no folding).
    #[inline]
    pub fn contains(self, w: &str) -> bool {
        (self.contains)(w)
    }

    /// The words, as listed.
    pub fn words(self) -> &'static [&'static str] {
        self.words
    }
}

/// Words, each with a value (a number word with its value, a month with its number).
#[derive(Clone, Copy)]
pub struct WordMap<V: 'static> {
    get: fn(&str) -> Option<V>,
    entries: &'static [(&'static str, V)],
}

impl<V> WordMap<V> {
    /// The value of `w`, exactly as written (no folding).
    #[inline]
    pub fn get(self, w: &str) -> Option<V> {
        (self.get)(w)
    }

    /// The words with their values, as listed.
    pub fn entries(self) -> &'static [(&'static str, V)] {
        self.entries
    }
}

/// A [`Words`] list: `words! { "a" | "b" }`.
macro_rules! words {
    ($($word:literal)|+) => {
        Words {
            contains: |w| match w {
                $($word)|+ => true,
                _ => false,
            },
            words: &[$($word),+],
        }
    };
}

/// A [`WordMap`]: `word_map! { "one" => 1, "two" | "twice" => 2 }`.
macro_rules! word_map {
    ($($($word:literal)|+ => $value:expr),+ $(,)?) => {
        WordMap {
            get: |w| match w {
                $($($word)|+ => Some($value),)+
                _ => None,
            },
            entries: &[$($(($word, $value)),+),+],
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Features (alignment terms)

/// Function words and reporting verbs: present in almost every news sentence, they say nothing
/// about which fact a sentence states. `features` drops them from the terms; the attribution
/// kind does not take them, capitalised, for part of a name.
pub const STOPWORDS: Words = words! {
    "a" | "about" | "above" | "after" | "again" | "against" | "all" | "also" | "am" | "an" | "and"
    | "any" | "are" | "as" | "at" | "be" | "because" | "been" | "before" | "being" | "below"
    | "between" | "but" | "by" | "can" | "could" | "did" | "do" | "does" | "doing" | "down"
    | "during" | "each" | "few" | "for" | "from" | "further" | "had" | "has" | "have" | "having"
    | "he" | "her" | "here" | "hers" | "herself" | "him" | "himself" | "his" | "how" | "i" | "if"
    | "in" | "into" | "is" | "it" | "its" | "itself" | "just" | "me" | "more" | "most" | "my"
    | "myself" | "of" | "off" | "on" | "once" | "only" | "or" | "other" | "our" | "ours"
    | "ourselves" | "out" | "over" | "own" | "same" | "she" | "should" | "so" | "some" | "such"
    | "than" | "that" | "the" | "their" | "theirs" | "them" | "themselves" | "then" | "there"
    | "these" | "they" | "this" | "those" | "through" | "to" | "too" | "under" | "until" | "up"
    | "very" | "was" | "we" | "were" | "what" | "when" | "where" | "which" | "while" | "who"
    | "whom" | "why" | "will" | "with" | "would" | "you" | "your" | "yours" | "yourself"
    | "yourselves" | "said" | "says" | "say" | "saying" | "told" | "tells" | "according"
    | "reported" | "reports" | "report" | "added" | "stated" | "noted" | "explained" | "s" | "t"
    | "mr" | "mrs" | "ms" | "dr" | "however" | "yet" | "still" | "now" | "even" | "may" | "might"
    | "must" | "shall" | "us" | "one" | "per" | "via" | "both" | "many" | "much" | "well" | "way"
    | "like" | "around" | "since" | "among" | "within" | "without" | "onto" | "upon" | "whether"
    | "though" | "although" | "instead" | "rather" | "re" | "ve" | "ll" | "d" | "m"
};

/// Small words a long form may have without a letter in its acronym: "Bank of England (BoE)".
/// Read by `features` when it learns acronyms.
pub const ACRONYM_GAPS: Words = words! { "of" | "and" | "the" | "for" | "in" | "on" };

// ---------------------------------------------------------------------------------------------
// Numbers and dates (`text`)

/// Number words and their values, read by `text::number_word` (the features' number terms, the
/// number, scope and date kinds, the diff's loud words). Not "one" or "both": too often not
/// quantities ("one of", which opens an extent, is read by the number kind itself).
pub const NUMBER_WORDS: WordMap<f64> = word_map! {
    "zero" => 0.0, "two" | "twice" => 2.0, "three" | "thrice" => 3.0, "four" => 4.0, "five" => 5.0,
    "six" => 6.0, "seven" => 7.0, "eight" => 8.0, "nine" => 9.0, "ten" => 10.0, "eleven" => 11.0,
    "twelve" | "dozen" => 12.0, "thirteen" => 13.0, "fourteen" => 14.0, "fifteen" => 15.0,
    "sixteen" => 16.0, "seventeen" => 17.0, "eighteen" => 18.0, "nineteen" => 19.0,
    "twenty" => 20.0, "thirty" => 30.0, "forty" => 40.0, "fifty" => 50.0, "sixty" => 60.0,
    "seventy" => 70.0, "eighty" => 80.0, "ninety" => 90.0, "hundred" => 100.0,
    "thousand" => 1000.0, "million" => 1e6, "billion" => 1e9, "trillion" => 1e12,
};

/// Scale words that multiply the number before them ("35.6 billion", "5m"), read by
/// `text::scale_word`.
pub const SCALE_WORDS: WordMap<f64> = word_map! {
    "hundred" => 100.0, "thousand" | "k" => 1e3, "million" | "mn" | "m" => 1e6,
    "billion" | "bn" | "b" => 1e9, "trillion" | "tn" => 1e12,
};

/// Month names and their usual abbreviations, with the month's number; read by `text::month`.
pub const MONTHS: WordMap<u8> = word_map! {
    "january" | "jan" => 1, "february" | "feb" => 2, "march" | "mar" => 3, "april" | "apr" => 4,
    "may" => 5, "june" | "jun" => 6, "july" | "jul" => 7, "august" | "aug" => 8,
    "september" | "sept" | "sep" => 9, "october" | "oct" => 10, "november" | "nov" => 11,
    "december" | "dec" => 12,
};

/// Months that are also ordinary words or names ("may", "march", "Jan"): `text::month` takes
/// them only capitalised.
pub const MONTHS_ONLY_CAPITALISED: Words = words! {
    "may" | "march" | "mar" | "jan" | "dec" | "sep" | "oct" | "aug" | "jun" | "jul" | "apr" | "feb"
    | "nov" | "sept"
};

/// Month names as a reader sees them, indexed by month number − 1: the features' date
/// evidence and the date kind's details.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekdays and their numbers (1 is Monday), read by `text::weekday`.
pub const WEEKDAYS: WordMap<u8> = word_map! {
    "monday" => 1, "tuesday" => 2, "wednesday" => 3, "thursday" => 4, "friday" => 5,
    "saturday" => 6, "sunday" => 7,
};

/// Weekday names as a reader sees them, indexed by weekday number − 1: the date kind's details.
pub const WEEKDAY_NAMES: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Words after a number that make it a clock time, not a quantity ("4 *p.m.*", "1100 *hrs*",
/// "13:38 *GMT*"), folded; the number kind also takes [`TIME_ZONES`] as written.
pub const CLOCK_WORDS: Words = words! {
    "a.m" | "p.m" | "am" | "pm" | "hrs" | "o'clock" | "gmt" | "utc" | "ist" | "edt" | "pst" | "pdt"
    | "cet" | "bst" | "jst" | "wib"
};

/// Words before a month named without a day that place what is said in that month ("*In*
/// January, five cables were cut"). Read by the date kind, which gives numbers their time frame.
pub const MONTH_FRAME_WORDS: Words = words! {
    "in" | "since" | "during" | "until" | "by" | "earlier" | "late" | "early" | "mid" | "last"
};

/// Parts of a day, after a weekday ("Tuesday *afternoon*") or before it ("*early* Tuesday"),
/// by the part they name: 1 morning, 2 afternoon, 3 evening and night. Read by the date kind.
pub const DAY_PARTS: WordMap<u8> = word_map! {
    "early" | "morning" | "dawn" => 1,
    "afternoon" | "midday" => 2,
    "late" | "evening" | "night" => 3,
};

/// Nouns of a part of a year, which keep "of 2004" a date: "the *end* of 2004", "the *summer*
/// of 2012". After any other noun, "of 2004" names an event ("the tsunami of 2004").
pub const YEAR_PARTS: Words = words! {
    "end" | "start" | "beginning" | "middle" | "half" | "quarter" | "spring" | "summer" | "autumn"
    | "fall" | "winter" | "part" | "rest" | "course"
};

/// Days named relative to the article's, which place what is said in the story's own time.
pub const STORY_DAYS: Words = words! {
    "today" | "yesterday" | "tomorrow" | "tonight"
};

/// Words of a timestamp line besides dates, times and zones ("*Updated*: July 02, 2013",
/// "3 July 2013 *Last updated at* 13:38 GMT"). Read by the date kind: such a line says when the
/// article appeared, which dates the article, and states no fact.
pub const TIMESTAMP_WORDS: Words = words! {
    "updated" | "published" | "posted" | "modified" | "last" | "at" | "on" | "local" | "time"
    | "date"
};

// ---------------------------------------------------------------------------------------------
// Negation and denial (`text`, the negation kind)

/// Words that negate what follows, read (folded) by `text::is_negation`, which also takes
/// every word ending in "n't".
pub const NEGATIONS: Words = words! {
    "not" | "no" | "never" | "none" | "nobody" | "nothing" | "neither" | "nor" | "without"
    | "cannot" | "rather" | "instead"
};

/// Beginnings of verbs and nouns of denial and rebuttal ("denies", "rejected", "false"): an
/// article that *reports a denial* of a claim. Read by `text::is_denial` as prefixes.
pub const DENIAL_STEMS: &[&str] = &[
    "deni", "deny", "reject", "refut", "rebut", "disput", "dismiss", "false", "untru", "inaccura", "mislead",
    "contest", "correct",
];

// ---------------------------------------------------------------------------------------------
// Discrepancy kinds

/// Words that follow a number without being its unit ("13 *of* them", "5 *more*"); also not
/// what a negation cue negates. Read by the number and negation kinds.
pub const FILLERS: Words = words! {
    "a" | "an" | "the" | "of" | "and" | "or" | "to" | "in" | "on" | "at" | "for" | "by" | "with"
    | "from" | "than" | "more" | "less" | "about" | "over" | "under" | "nearly" | "almost" | "some"
    | "other" | "is" | "was" | "were" | "are" | "be" | "had" | "has" | "have" | "that" | "this"
    | "it" | "its" | "their" | "his" | "her" | "as" | "per" | "after" | "before" | "into" | "new"
    | "s" | "also"
};

/// Determiners between "N of" and the whole of an extent: "one of *our* 39 regions". Read by
/// the number kind.
pub const EXTENT_DETERMINERS: Words = words! { "the" | "our" | "its" | "their" | "his" | "her" };

/// What happens to what a number counts, by class: the word that says it ("six *killed*",
/// "*injures* 15", "24 *dead*") maps to what is counted, so `12 hurt` and `injures 15` are one
/// count and `6 killed` and `11 injured` two. The first word of a class is how a detail shows
/// it. Read by the number kind.
pub const ACTS: WordMap<&str> = word_map! {
    "dead" | "died" | "die" | "dies" | "dying" | "killed" | "kill" | "kills" | "killing" | "death"
    | "deaths" | "fatalities" | "fatality" | "perished" | "lives" => "death",
    "injured" | "injuring" | "injures" | "injure" | "injuries" | "injury" | "hurt" | "hurting"
    | "wounded" | "wounding" => "injury",
    "missing" => "missing",
    "arrested" | "arresting" | "arrests" | "detained" | "detaining" | "nabbed" | "apprehended" => "arrest",
    "evacuated" | "evacuating" | "evacuees" => "evacuation",
    "rescued" | "rescuing" => "rescue",
    "displaced" | "homeless" => "displacement",
    "damaged" | "damaging" => "damage",
    "destroyed" | "destroying" | "flattened" => "destruction",
    "hospitalised" | "hospitalized" => "hospitalisation",
};

/// Units of measure in the singular (as `singular` gives them) and the unit a detail shows:
/// a number before one measures it ("13 *hours*", "13 nautical *miles*", "a 15-*hour*
/// outage"), whatever noun follows. Read by the number kind.
pub const MEASURE_UNITS: WordMap<&str> = word_map! {
    "second" | "sec" => "second", "minute" | "min" => "minute", "hour" | "hr" => "hour",
    "day" => "day", "week" => "week", "month" => "month", "year" => "year", "decade" => "decade",
    "century" => "century", "kilometre" | "kilometer" | "km" => "km", "metre" | "meter" => "metre",
    "mile" => "mile", "foot" | "feet" | "ft" => "ft", "inch" | "inche" => "inch",
    "yard" => "yard", "acre" => "acre", "hectare" => "hectare", "tonne" => "tonne", "ton" => "ton",
    "kilogram" | "kg" => "kg", "gram" => "gram", "litre" | "liter" => "litre",
    "gallon" => "gallon", "barrel" => "barrel", "degree" => "degree", "knot" => "knot",
    "mph" => "mph", "megawatt" => "megawatt", "magnitude" => "magnitude",
};

/// Directions between a distance and what it is measured from ("55 km *west* of Bireun").
/// Read by the number kind.
pub const DIRECTIONS: Words = words! {
    "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest"
    | "northern" | "southern" | "eastern" | "western" | "away"
};

/// Units written before their number ("magnitude 6.1", "category 4"). Read by the number kind,
/// which also shows them first.
pub const PRE_UNITS: WordMap<&str> = word_map! {
    "magnitude" => "magnitude", "category" => "category", "level" => "level",
};

/// Words between a number and the noun it counts that leave what it counts unchanged ("two
/// *other* rifles", "five *more* people"). Read by the number kind.
pub const NUMBER_MODIFIERS: Words = words! {
    "other" | "more" | "additional" | "further" | "extra" | "separate" | "fewer" | "new"
};

/// Words that end the noun phrase after a number, times, prepositions and adverbs that are
/// no stopwords: "23 league goals *last* season" counts goals, "230,000 people *across* Asia"
/// people. Read by the number kind.
pub const NOUN_PHRASE_BREAKS: Words = words! {
    "last" | "next" | "ago" | "each" | "every" | "apiece" | "later" | "earlier" | "per" | "across"
    | "near" | "toward" | "towards" | "inside" | "outside" | "beyond" | "behind" | "beside"
    | "along" | "amid" | "despite" | "throughout" | "aboard" | "ashore" | "abroad" | "nationwide"
    | "worldwide" | "overall" | "alone" | "altogether" | "already" | "including"
};

/// Words beside a tally that make "7-4" a vote or a score rather than a range. Read by the
/// number kind.
pub const TALLY_WORDS: Words = words! {
    "vote" | "votes" | "voted" | "voting" | "score" | "scored" | "won" | "win" | "wins" | "lost"
    | "beat" | "defeat" | "defeated" | "victory" | "margin" | "majority" | "ruling" | "decision"
};

/// Words between an act and the number it counts ("killing *at least* five"), and before a
/// number that opens an attribute ("a depth *of just* 10 km"). Read by the number kind.
pub const QUANTITY_HEDGES: Words = words! {
    "at" | "least" | "about" | "some" | "nearly" | "almost" | "around" | "roughly"
    | "approximately" | "more" | "than" | "over" | "up" | "to" | "an" | "a" | "the" | "estimated"
    | "only" | "just" | "another" | "fewer" | "under" | "as" | "many" | "total" | "of"
};

/// Words between a counted noun and what happened to it ("five people *had so far been
/// confirmed* dead"). Read by the number kind.
pub const STATE_WORDS: Words = words! {
    "were" | "was" | "are" | "is" | "had" | "have" | "has" | "been" | "be" | "being" | "reported"
    | "confirmed" | "so" | "far" | "now" | "also" | "later" | "all" | "feared" | "believed"
    | "thought" | "said" | "to" | "already" | "still" | "left" | "got"
};

/// Nouns before "of" and a number that say nothing of what it measures ("a *total* of 23").
/// Read by the number kind.
pub const UNSPECIFIC_ATTRIBUTES: Words = words! {
    "total" | "number" | "group" | "crowd" | "team" | "maximum" | "minimum" | "average"
    | "estimate" | "rest" | "majority" | "lot" | "couple" | "handful" | "tally" | "count"
};

/// Reporting verbs after which (or before which) the attribution kind finds a source: "Reuters
/// *reported*", "*told* the Financial Times".
pub const REPORTING_VERBS: Words = words! {
    "said" | "says" | "told" | "tells" | "reported" | "reports" | "stated" | "states" | "claimed"
    | "claims" | "confirmed" | "confirms" | "announced" | "announces" | "wrote" | "writes" | "added"
    | "insisted" | "acknowledged" | "acknowledges" | "admitted" | "admits" | "denied" | "denies"
    | "described" | "describes" | "estimated" | "estimates" | "noted" | "notes" | "emphasized"
    | "emphasised" | "explained" | "argued"
};

/// Determiners before a credited source: "according to *the* company". Read by the attribution
/// kind.
pub const SOURCE_DETERMINERS: Words = words! { "the" | "a" | "an" | "its" | "their" };

/// Sentence adverbs and prepositions that open a sentence capitalised without being part of a
/// name ("*Furthermore*, Amazon said": the source is Amazon). Read (folded) by the attribution
/// kind, which also passes over stopwords, months and weekdays.
pub const NON_NAME_OPENERS: Words = words! {
    "furthermore" | "however" | "meanwhile" | "moreover" | "additionally" | "also" | "still"
    | "yet" | "now" | "today" | "yesterday" | "tomorrow" | "earlier" | "later" | "separately"
    | "instead" | "indeed" | "anyway" | "finally" | "ultimately" | "last" | "next" | "on" | "in"
    | "at"
};

/// Capitalised words that open a sentence and name nobody ("*He* said"); as written, capitalised.
/// Read by the attribution kind.
pub const SENTENCE_INITIAL_NON_NAMES: Words = words! {
    "He" | "She" | "It" | "They" | "We" | "I" | "The" | "This" | "That" | "A" | "An" | "But" | "And"
};

/// Generic nouns that name a source ("the *company* said", "three *employees* said"), in the
/// singular. Read by the attribution kind.
pub const SOURCE_NOUNS: Words = words! {
    "company" | "spokesperson" | "spokesman" | "spokeswoman" | "employee" | "people" | "person"
    | "source" | "official" | "police" | "report" | "newspaper" | "statement" | "executive"
    | "analyst" | "witness" | "investigator" | "authority" | "engineer" | "insider" | "staff"
    | "worker" | "resident" | "expert" | "firm" | "agency" | "ministry" | "government" | "department"
    | "owner" | "operator" | "office"
};

/// The kind of source a generic noun, a role or the last word of a name names ("Vancouver
/// *police*", "the mayor's *office*"): sources of one class may be the same people, of two
/// classes cannot. Read by the attribution kind: "org" may be anyone's voice (a spokesperson, a
/// statement), "press" relays other sources, "insiders" may be anyone's people.
pub const SOURCE_CLASSES: WordMap<&str> = word_map! {
    "spokesperson" | "spokesman" | "spokeswoman" | "statement" | "official" => "org",
    "company" | "firm" | "owner" | "operator" | "executive" | "ceo" | "chairman" | "chairwoman"
    | "manager" | "corporation" | "employer" => "company",
    "report" | "newspaper" => "press",
    "employee" | "people" | "person" | "source" | "insider" | "staff" | "worker"
    | "engineer" => "insiders",
    "police" | "authority" | "investigator" | "ministry" | "government" | "department" | "agency"
    | "office" | "fire" | "mayor" | "governor" | "minister" | "commissioner" | "constable"
    | "sergeant" | "inspector" | "detective" | "prosecutor" | "court" | "army" | "navy"
    | "military" | "council" => "authorities",
    "witness" | "resident" | "neighbour" | "neighbor" => "witnesses",
    "analyst" | "expert" | "researcher" | "professor" => "analysts",
};

/// Last words of news outlets' and agencies' names ("financial *times*", "*reuters*"). Read by
/// the attribution kind: an outlet relays its sources rather than contradicting them.
pub const OUTLET_WORDS: Words = words! {
    "times" | "post" | "journal" | "news" | "herald" | "tribune" | "guardian" | "telegraph"
    | "gazette" | "courier" | "ledger" | "chronicle" | "wire" | "reuters" | "bloomberg" | "press"
    | "afp" | "ap" | "bbc" | "cnn" | "cnbc" | "axios" | "politico" | "verge" | "presse"
};

/// Roles and titles that stand between an organisation and a person's name ("DOT
/// *spokesperson* Raj Mehta", "Vesta *chief executive* Marta Lindqvist"), in the singular. Read by
/// the attribution kind, which also takes [`TITLES`], to tell whom a person speaks for.
pub const ROLE_WORDS: Words = words! {
    "spokesman" | "spokeswoman" | "spokesperson" | "spokesmen" | "spokeswomen" | "official"
    | "officer" | "chief" | "director" | "minister" | "head" | "president" | "secretary"
    | "commissioner" | "constable" | "sergeant" | "captain" | "inspector" | "superintendent"
    | "ceo" | "executive" | "chairman" | "chairwoman" | "manager" | "detective" | "lieutenant"
    | "governor" | "mayor" | "councillor" | "councilor" | "analyst" | "researcher" | "professor"
};

/// Words between a reporting verb and the date it was said on ("police said *on* Saturday",
/// "told AFP *late* Tuesday"). Read by the date kind, which also passes over capitalised names:
/// such a date is when something was said, not the date of the fact.
pub const REPORT_DATE_GAPS: Words = words! {
    "on" | "late" | "early" | "earlier" | "in" | "a" | "an" | "the" | "this" | "last" | "to"
    | "statement" | "interview" | "briefing" | "conference" | "news"
};

// ---------------------------------------------------------------------------------------------
// Sentence boundaries (`segment`)

/// Verbs of speech that attribute a quotation ended by `?` or `!`: `"Why?" Smith *asked*.`
/// keeps going. Read by `segment`, as written.
pub const SPEECH_VERBS: Words = words! {
    "said" | "says" | "asked" | "asks" | "told" | "added" | "tweeted" | "wrote" | "writes"
    | "replied" | "recalled" | "continued" | "shouted" | "yelled" | "cried" | "exclaimed"
    | "explained" | "insisted" | "noted" | "stated" | "declared" | "thundered" | "posted"
    | "wondered" | "questioned"
};

/// Titles that precede a name, so a period after them never ends a sentence ("Mr.", "Gen.",
/// "vs."). Read by `segment`.
pub const TITLES: Words = words! {
    "mr" | "mrs" | "ms" | "mx" | "messrs" | "mme" | "mlle" | "dr" | "prof" | "sen" | "sens" | "rep"
    | "reps" | "gov" | "gen" | "lt" | "col" | "sgt" | "capt" | "cmdr" | "adm" | "maj" | "rev"
    | "hon" | "pres" | "supt" | "insp" | "fr" | "msgr" | "atty" | "amb" | "ft" | "vs" | "const"
    | "cpl" | "pvt" | "pfc" | "spc" | "ofc" | "det" | "dep" | "dist" | "brig" | "lieut" | "comdr"
    | "rt"
};

/// Latin abbreviations that never end a sentence ("e.g.", "cf."), without their final period.
/// Read by `segment`.
pub const LATIN_ABBREVIATIONS: Words = words! { "e.g" | "i.e" | "viz" | "cf" };

/// "a.m." and "p.m.", without their final period: they end a sentence before a capital unless
/// a day, month or time zone follows. Read by `segment`.
pub const CLOCK_ABBREVIATIONS: Words = words! { "a.m" | "p.m" };

/// Abbreviations that end a sentence only when a sentence opener follows ("Co. It closed" but
/// "Acme Co. Ltd"). Read by `segment`.
pub const AMBIGUOUS_ABBREVIATIONS: Words = words! {
    "inc" | "co" | "corp" | "ltd" | "plc" | "llc" | "jr" | "sr" | "bros" | "dept" | "univ" | "assn"
    | "approx" | "est" | "ave" | "blvd" | "rd" | "st" | "mt" | "hwy" | "govt" | "intl" | "natl"
    | "esp"
};

/// Abbreviations that stand before a number: "No. 1", "pp. 4-9", "N°. 1026", "Fig. 3". Read by
/// `segment`.
pub const NUMERIC_ABBREVIATIONS: Words = words! {
    "no" | "nos" | "nr" | "n°" | "nº" | "pp" | "vol" | "vols" | "fig" | "figs" | "ch" | "chap"
    | "sec" | "art" | "para" | "pt" | "pts" | "op" | "ed" | "eds" | "tel" | "ext" | "ca" | "est"
    | "al"
};

/// Month and weekday abbreviations: a period after one ends a sentence only before an opener
/// ("Jan. 2024" goes on); `segment` takes them only capitalised ("mar." is the verb).
pub const DATE_ABBREVIATIONS: Words = words! {
    "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec"
    | "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
};

/// Time zones that may follow "a.m."/"p.m." inside the sentence ("9 a.m. ET") or stand in a
/// dateline ("13:38 GMT"); as written, in capitals. Read by `segment`.
pub const TIME_ZONES: Words = words! {
    "ET" | "EST" | "EDT" | "CT" | "CST" | "CDT" | "MT" | "MST" | "MDT" | "PT" | "PST" | "PDT" | "GMT"
    | "UTC" | "BST" | "CET" | "CEST" | "IST" | "JST" | "KST" | "HKT" | "SGT" | "AEST" | "AEDT" | "WIB"
    | "MSK" | "EET" | "EEST" | "SAST" | "NZST" | "NZDT" | "PKT"
};

/// Words that commonly open an English sentence, as written (capitalised): after an ambiguous
/// abbreviation or an initial they tip the decision to a boundary ("in the U.S. How about
/// you?" but "the U.S. Government"). Read by `segment`.
pub const SENTENCE_OPENERS: Words = words! {
    "The" | "A" | "An" | "He" | "She" | "It" | "They" | "We" | "I" | "You" | "This" | "That"
    | "These" | "Those" | "There" | "Here" | "His" | "Her" | "Its" | "Their" | "Our" | "My"
    | "Your" | "But" | "And" | "Or" | "So" | "Yet" | "Nor" | "However" | "Meanwhile" | "Still"
    | "Also" | "Then" | "Now" | "Thus" | "Therefore" | "Moreover" | "Furthermore" | "Instead"
    | "Indeed" | "Despite" | "Although" | "Though" | "While" | "When" | "After" | "Before"
    | "Since" | "Because" | "As" | "If" | "Unless" | "Until" | "Once" | "In" | "On" | "At" | "For"
    | "From" | "With" | "Without" | "By" | "During" | "Under" | "Over" | "According" | "Some"
    | "Many" | "Most" | "All" | "Both" | "Each" | "Every" | "No" | "Not" | "None" | "Several"
    | "Few" | "One" | "Other" | "Another" | "Such" | "What" | "Why" | "How" | "Who" | "Where"
    | "Which" | "Is" | "Are" | "Was" | "Were" | "Do" | "Does" | "Did" | "Can" | "Could" | "Would"
    | "Should" | "Has" | "Have" | "Had" | "Let" | "Please" | "Yes" | "Today" | "Yesterday"
    | "Last" | "Next" | "Earlier" | "Later"
};

/// Lower-case words that rarely end an English sentence (articles, prepositions, conjunctions),
/// so a line ending on one was hard-wrapped. Verbs and pronouns are left out ("as they were",
/// "here we are"). Read by `segment` as written: title-case headings write "For", "With", so
/// they never match.
pub const FUNCTION_WORDS: Words = words! {
    "a" | "an" | "the" | "of" | "and" | "or" | "nor" | "but" | "than" | "into" | "onto" | "their"
    | "our" | "your" | "my" | "to" | "in" | "at" | "for" | "with" | "by" | "from" | "as"
};

// ---------------------------------------------------------------------------------------------
// Non-statements (`segment`): what tag lists, navigation, bylines, captions and datelines are
// made of. Phrases are bare words, folded, joined by one space.

/// Words of a label that opens a tag or keyword list: "*Tags*:", "Related *topics*:", "*Tags*
/// & Viral *Phrases*:".
pub const TAG_LABELS: Words = words! {
    "tags" | "tag" | "tagged" | "keywords" | "keyword" | "topics" | "hashtags" | "labels"
    | "phrases" | "categories" | "category" | "filed"
};

/// Lines that are navigation when they are the whole passage: "Related", "Most read".
pub const NAV_LINES: Words = words! {
    "comments" | "advertisement" | "ad" | "sponsored" | "sponsored content" | "related"
    | "related articles" | "related stories" | "related coverage" | "related content"
    | "related links" | "recommended" | "recommended stories" | "most read" | "most popular"
    | "trending" | "trending now" | "share" | "print" | "email" | "reply" | "menu" | "search"
    | "home" | "top stories" | "latest news" | "next article" | "previous article" | "show more"
    | "load more" | "see more" | "view more" | "more stories" | "loading"
};

/// Openings of calls to action, navigation when the passage is short: "*Read more*", "*Sign
/// up* for our newsletter", "*You may also like*".
pub const NAV_LEADS: Words = words! {
    "read more" | "read next" | "read also" | "also read" | "continue reading" | "keep reading"
    | "see also" | "click here" | "tap here" | "subscribe" | "sign up" | "sign in" | "log in"
    | "follow us" | "join us" | "join our" | "join the discussion" | "join the conversation"
    | "leave a reply" | "leave a comment" | "post a comment" | "add a comment" | "share this"
    | "share on" | "share via" | "download our" | "download the app" | "get the app" | "get our"
    | "don't miss" | "never miss" | "you may also like" | "you might also like"
    | "listen to this article" | "skip to" | "back to top" | "cancel reply" | "print this"
    | "email this"
};

/// First words of a label that points elsewhere: "*More* from Harbour Daily:", "*Related*:",
/// "*Watch*:".
pub const NAV_LABELS: Words = words! {
    "more" | "read" | "related" | "see" | "watch" | "listen" | "recommended" | "trending"
    | "advertisement" | "sponsored" | "popular" | "explore" | "discover"
};

/// Whole lines that open a comment section: after one, an article's short lines are the
/// comment form.
pub const COMMENT_OPENERS: Words = words! {
    "comments" | "leave a reply" | "leave a comment" | "post a comment" | "add a comment"
    | "join the discussion" | "join the conversation" | "show comments" | "view comments"
    | "reader comments" | "discussion"
};

/// Openings of a pointer to pictures or video: "*Here's a* slideshow of …", "*Watch* the video".
pub const MEDIA_LEADS: Words = words! {
    "here's a" | "here is a" | "here are" | "watch" | "view" | "see" | "check out" | "browse" | "click"
};

/// What a media pointer points to.
pub const MEDIA_NOUNS: Words = words! {
    "slideshow" | "slideshows" | "gallery" | "galleries" | "video" | "videos" | "photos" | "pictures"
    | "images" | "infographic" | "livestream" | "podcast" | "footage"
};

/// Words of a site's pitch to its readers: "you get our weekly *newsletter*".
pub const SUBSCRIPTION_WORDS: Words = words! {
    "subscribe" | "subscriber" | "subscribers" | "subscription" | "subscriptions" | "newsletter"
    | "newsletters" | "ad-free" | "membership"
};

/// Labels of a caption or a picture credit, whole: "*Photo*:", "*Image credit*:", "*Photograph*
/// by".
pub const CAPTION_LABELS: Words = words! {
    "photo" | "photos" | "photograph" | "photographs" | "image" | "images" | "picture" | "pictures"
    | "pictured" | "caption" | "illustration" | "graphic" | "video" | "credit" | "photo credit"
    | "image credit" | "image source" | "file photo" | "top image" | "main image" | "above" | "top"
    | "alt" | "alt text"
};

/// Words of a photo credit in parentheses: "(AP *Photo*/Jana Ortiz)", "(*Getty* *Images*)".
pub const PHOTO_CREDIT_WORDS: Words = words! {
    "photo" | "photos" | "photograph" | "image" | "images" | "picture" | "pictures" | "credit"
    | "file" | "courtesy" | "handout" | "screenshot" | "illustration" | "getty" | "shutterstock"
    | "alamy" | "stringer" | "pool"
};

/// Wire agencies credited alone at the end of a caption: "(*Reuters*)".
pub const WIRE_AGENCIES: Words = words! {
    "reuters" | "afp" | "ap" | "epa" | "xinhua" | "dpa" | "anadolu" | "aap" | "ansa" | "efe" | "upi"
};

/// Words that may lead to the "by" of a byline: "*Additional reporting* by".
pub const BYLINE_LEADS: Words = words! {
    "posted" | "written" | "reported" | "reporting" | "additional" | "editing" | "edited"
    | "compiled" | "words" | "story" | "text" | "produced" | "published" | "writing"
};

/// Lower-case words a byline may have besides names and dates: "By Jana Ortiz *and* Sam Lee,
/// *staff writers*".
pub const BYLINE_WORDS: Words = words! {
    "and" | "by" | "of" | "the" | "for" | "in" | "at" | "on" | "with" | "de" | "da" | "del" | "der"
    | "di" | "du" | "van" | "von" | "le" | "la" | "bin" | "al" | "staff" | "writer" | "writers"
    | "reporter" | "reporters" | "correspondent" | "correspondents" | "editor" | "editors"
    | "contributor" | "columnist" | "senior" | "chief" | "special" | "political" | "foreign"
    | "deputy" | "associate" | "contributing" | "updated" | "published" | "posted" | "agencies"
    | "wire" | "wires" | "services" | "news" | "desk" | "team" | "min" | "mins" | "read"
};

/// Words a dateline may have besides dates, times and zones: "*Last updated at* 13:38 GMT".
pub const DATELINE_WORDS: Words = words! {
    "updated" | "update" | "published" | "posted" | "last" | "first" | "modified" | "edited"
    | "revised" | "created" | "story" | "at" | "on" | "of" | "the" | "local" | "time" | "date"
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists looked up as written, capitalised.
    const CAPITALISED: [Words; 3] = [SENTENCE_INITIAL_NON_NAMES, TIME_ZONES, SENTENCE_OPENERS];

    /// The lists looked up lower-cased or folded: a capital in one would never match.
    const LOWER_CASE: [Words; 47] = [
        STOPWORDS,
        ACRONYM_GAPS,
        MONTHS_ONLY_CAPITALISED,
        NEGATIONS,
        FILLERS,
        EXTENT_DETERMINERS,
        REPORTING_VERBS,
        SOURCE_DETERMINERS,
        NON_NAME_OPENERS,
        SOURCE_NOUNS,
        OUTLET_WORDS,
        SPEECH_VERBS,
        TITLES,
        LATIN_ABBREVIATIONS,
        CLOCK_ABBREVIATIONS,
        AMBIGUOUS_ABBREVIATIONS,
        NUMERIC_ABBREVIATIONS,
        DATE_ABBREVIATIONS,
        FUNCTION_WORDS,
        TAG_LABELS,
        NAV_LINES,
        NAV_LEADS,
        NAV_LABELS,
        COMMENT_OPENERS,
        MEDIA_LEADS,
        MEDIA_NOUNS,
        SUBSCRIPTION_WORDS,
        CAPTION_LABELS,
        PHOTO_CREDIT_WORDS,
        WIRE_AGENCIES,
        BYLINE_LEADS,
        BYLINE_WORDS,
        DATELINE_WORDS,
        ROLE_WORDS,
        REPORT_DATE_GAPS,
        CLOCK_WORDS,
        TIMESTAMP_WORDS,
        NUMBER_MODIFIERS,
        QUANTITY_HEDGES,
        STATE_WORDS,
        UNSPECIFIC_ATTRIBUTES,
        MONTH_FRAME_WORDS,
        NOUN_PHRASE_BREAKS,
        TALLY_WORDS,
        STORY_DAYS,
        YEAR_PARTS,
        DIRECTIONS,
    ];

    fn keys<V>(map: WordMap<V>) -> impl Iterator<Item = &'static str> {
        map.entries().iter().map(|e| e.0)
    }

    #[test]
    fn lists_are_written_as_they_are_looked_up() {
        let lower = LOWER_CASE.iter().flat_map(|l| l.words().iter().copied());
        let maps = keys(NUMBER_WORDS).chain(keys(SCALE_WORDS)).chain(keys(MONTHS));
        let maps = maps.chain(keys(WEEKDAYS)).chain(keys(SOURCE_CLASSES));
        let maps = maps.chain(keys(ACTS)).chain(keys(MEASURE_UNITS)).chain(keys(PRE_UNITS));
        let maps = maps.chain(keys(DAY_PARTS));
        for w in lower.chain(maps).chain(DENIAL_STEMS.iter().copied()) {
            assert_eq!(w, w.to_lowercase(), "{w:?} is looked up in lower case");
        }
        for w in CAPITALISED.iter().flat_map(|l| l.words()) {
            assert!(w.starts_with(char::is_uppercase), "{w:?} is looked up capitalised");
        }
    }

    #[test]
    fn every_listed_word_is_found() {
        for list in LOWER_CASE.iter().chain(&CAPITALISED) {
            assert!(list.words().iter().all(|w| list.contains(w)));
            assert!(!list.contains(""));
        }
        for &(w, v) in NUMBER_WORDS.entries() {
            assert_eq!(NUMBER_WORDS.get(w), Some(v));
        }
        assert_eq!(NUMBER_WORDS.get("one"), None);
        assert_eq!(SOURCE_CLASSES.get("police"), Some("authorities"));
    }

    #[test]
    fn month_and_weekday_names_follow_their_numbers() {
        for &(w, m) in MONTHS.entries() {
            assert!(MONTH_NAMES[usize::from(m) - 1].to_lowercase().starts_with(w), "{w} is month {m}");
        }
        for &(w, d) in WEEKDAYS.entries() {
            assert_eq!(WEEKDAY_NAMES[usize::from(d) - 1].to_lowercase(), w);
        }
        for w in MONTHS_ONLY_CAPITALISED.words() {
            assert!(MONTHS.get(w).is_some(), "{w} is a month");
        }
    }
}
