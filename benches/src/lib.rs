//! The corpus every replylint benchmark shares: deterministic, multilingual replies built from
//! the built-in lexicons' own examples (the sins) and ordinary sentences (the clean part).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use replylint::{builtin_lexicons, Category};

/// Ordinary support sentences with no finding, so the corpus is mostly clean like real traffic.
const CLEAN: &[&str] = &[
    "Your order left our warehouse this morning and should arrive on Thursday.",
    "I have updated the delivery address on your account.",
    "The replacement part is in stock, and I have reserved one for you.",
    "You can change the plan at any time from the settings page.",
    "Thanks for the photos, they show the damage clearly.",
    "Your refund of 24.90 euros was issued today.",
    "Ваш заказ уже в пути и прибудет в четверг.",
    "سفارش شما امروز ارسال شد و تا پنج‌شنبه می‌رسد.",
    "A csomagját ma feladtuk, csütörtökön érkezik.",
    "Naipadala na namin ang inyong order kaninang umaga.",
    "உங்கள் ஆர்டர் இன்று அனுப்பப்பட்டது.",
];

/// A small, seeded generator: the same seed always gives the same corpus.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Replies of one to four sentences, about one in three with a sin from some lexicon, until
/// `total_bytes` is reached.
pub fn replies(seed: u64, total_bytes: usize) -> Vec<String> {
    let mut size = 0;
    Replies::new(seed)
        .take_while(|reply| {
            let more = size < total_bytes;
            size += reply.len() + 1;
            more
        })
        .collect()
}

/// The same replies as [`replies`], by count: the first `count` of them.
pub fn reply_count(seed: u64, count: usize) -> Vec<String> {
    Replies::new(seed).take(count).collect()
}

/// The endless, seeded stream of replies behind [`replies`] and [`reply_count`].
struct Replies {
    sins: Vec<&'static str>,
    rng: XorShift,
}

impl Replies {
    fn new(seed: u64) -> Replies {
        let sins = builtin_lexicons()
            .iter()
            .flat_map(|l| {
                l.rules()
                    .iter()
                    .flat_map(|r| r.examples.iter().map(String::as_str))
            })
            .collect();
        Replies {
            sins,
            rng: XorShift(seed.max(1)),
        }
    }
}

impl Iterator for Replies {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let rng = &mut self.rng;
        let sentences = 1 + rng.next() % 4;
        let mut reply = String::new();
        for _ in 0..sentences {
            if !reply.is_empty() {
                reply.push(' ');
            }
            let sinful = rng.next().is_multiple_of(3) && !self.sins.is_empty();
            reply.push_str(if sinful {
                rng.pick(&self.sins)
            } else {
                rng.pick(CLEAN)
            });
        }
        Some(reply)
    }
}

/// A reply of about 200 bytes with a couple of findings, for per-message latency.
pub const REPLY_200B: &str = "Dear valued customer, thank you for your patience. As I already said, \
    the refund takes five days; it's company policy. Your order left our warehouse this morning.";

/// Every expanded literal of the given languages (all when `None`), as the automaton sees them.
pub fn literals(languages: Option<&[&str]>) -> Vec<String> {
    builtin_lexicons()
        .iter()
        .filter(|l| languages.is_none_or(|ls| ls.contains(&l.language().code.as_str())))
        .flat_map(|l| l.rules().iter().flat_map(|r| r.literals()))
        .collect()
}

/// The floor every figure is a ratio to: raw aho-corasick, leftmost-longest (the default
/// contiguous NFA), over the expanded literals of `languages` (all when `None`), run on text
/// lowercased beforehand. It is what the analyzer's matching could cost at best.
///
/// # Panics
///
/// If the automaton does not build, which the built-in literals never make it do.
pub fn floor(languages: Option<&[&str]>) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(literals(languages))
        .expect("the floor automaton builds")
}

/// The floor's matches over texts lowercased beforehand: the work every floor figure times.
pub fn floor_count(floor: &AhoCorasick, lowered: &[String]) -> usize {
    lowered.iter().map(|t| floor.find_iter(t.as_str()).count()).sum()
}

/// A generated text and what went into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The code of the lexicon language it is written in, e.g. `de`.
    pub language: &'static str,
    /// The text: one line for a short reply, many for a thread.
    pub text: String,
    /// Whether the generator put in at least one lexicon phrase (a rule's own example).
    pub sinful: bool,
}

/// One language's material, all taken from its built-in lexicon but the thread headers.
struct Material {
    code: &'static str,
    /// The rules' guardrails: sentences in which they must not fire, written like replies.
    clean: Vec<&'static str>,
    /// The examples of every rule but the complaint ones: replies in which it fires.
    sins: Vec<&'static str>,
    /// What customers write: the complaint rules' examples, or the clean sentences in a
    /// language without complaint rules.
    customer: Vec<&'static str>,
    /// Whether `customer` holds complaint rules' examples.
    complaints: bool,
    /// The reply header of a quoted message, `{name}` standing for its author.
    header: &'static str,
    /// The customer's and the agent's names.
    names: [&'static str; 2],
}

/// The header a mail client writes above a quoted message, in each lexicon's language (the
/// form of the common clients there), with the customer's and the agent's names.
const HEADERS: &[(&str, &str, [&str; 2])] = &[
    (
        "en",
        "On Mon, 3 Mar 2025 at 10:14, {name} wrote:",
        [
            "Anna Smith <anna.smith@example.com>",
            "Acme Support <support@example.com>",
        ],
    ),
    (
        "tl",
        "Noong Lun, Mar 3, 2025 nang 10:14 AM, isinulat ni {name}:",
        [
            "Maria Santos <maria.santos@example.com>",
            "Acme Support <support@example.com>",
        ],
    ),
    (
        "ru",
        "3 марта 2025 г., в 10:14, {name} написал(а):",
        [
            "Анна Смирнова <anna.smirnova@example.com>",
            "Поддержка Acme <support@example.com>",
        ],
    ),
    (
        "hu",
        "{name} ezt írta (időpont: 2025. márc. 3., H, 10:14):",
        [
            "Kovács Anna <kovacs.anna@example.com>",
            "Acme Ügyfélszolgálat <support@example.com>",
        ],
    ),
    (
        "ta",
        "திங்., 3 மார்., 2025 அன்று 10:14 AM அன்று, {name} எழுதியது:",
        [
            "பிரியா ராமன் <priya.raman@example.com>",
            "Acme உதவி மையம் <support@example.com>",
        ],
    ),
    (
        "fa",
        "در تاریخ دوشنبه ۳ مارس ۲۰۲۵، ساعت ۱۰:۱۴، {name} نوشت:",
        [
            "مریم احمدی <maryam.ahmadi@example.com>",
            "پشتیبانی Acme <support@example.com>",
        ],
    ),
    (
        "es",
        "El lun, 3 mar 2025 a las 10:14, {name} escribió:",
        [
            "Ana García <ana.garcia@example.com>",
            "Soporte de Acme <support@example.com>",
        ],
    ),
    (
        "pt",
        "Em seg., 3 de mar. de 2025 às 10:14, {name} escreveu:",
        [
            "Ana Souza <ana.souza@example.com>",
            "Suporte Acme <support@example.com>",
        ],
    ),
    (
        "fr",
        "Le lun. 3 mars 2025 à 10:14, {name} a écrit :",
        [
            "Anne Martin <anne.martin@example.com>",
            "Service client Acme <support@example.com>",
        ],
    ),
    (
        "de",
        "Am Mo., 3. März 2025 um 10:14 Uhr schrieb {name}:",
        [
            "Anna Schmidt <anna.schmidt@example.com>",
            "Acme Kundenservice <support@example.com>",
        ],
    ),
    (
        "it",
        "Il giorno lun 3 mar 2025 alle ore 10:14 {name} ha scritto:",
        [
            "Anna Rossi <anna.rossi@example.com>",
            "Assistenza Acme <support@example.com>",
        ],
    ),
    (
        "tr",
        "{name}, 3 Mar 2025 Pzt, 10:14 tarihinde şunu yazdı:",
        [
            "Ayşe Yılmaz <ayse.yilmaz@example.com>",
            "Acme Destek <support@example.com>",
        ],
    ),
    (
        "uk",
        "пн, 3 бер. 2025 р. о 10:14 {name} пише:",
        [
            "Олена Коваль <olena.koval@example.com>",
            "Підтримка Acme <support@example.com>",
        ],
    ),
    (
        "ar",
        "في الاثنين، ٣ مارس ٢٠٢٥ في ١٠:١٤ ص، كتب {name}:",
        [
            "أحمد علي <ahmed.ali@example.com>",
            "دعم Acme <support@example.com>",
        ],
    ),
    (
        "hi",
        "सोम, 3 मार्च 2025 को 10:14 am बजे {name} ने लिखा:",
        [
            "अनीता शर्मा <anita.sharma@example.com>",
            "Acme सहायता <support@example.com>",
        ],
    ),
    (
        "id",
        "Pada tanggal Sen, 3 Mar 2025 pukul 10.14, {name} menulis:",
        [
            "Dewi Lestari <dewi.lestari@example.com>",
            "Dukungan Acme <support@example.com>",
        ],
    ),
];

/// Every built-in lexicon's material, in `builtin_lexicons()` order.
static MATERIAL: LazyLock<Vec<Material>> = LazyLock::new(|| {
    builtin_lexicons()
        .iter()
        .map(|lexicon| {
            let code = lexicon.language().code.as_str();
            let (_, header, names) = HEADERS
                .iter()
                .find(|(c, _, _)| *c == code)
                .copied()
                .unwrap_or(HEADERS[0]);
            let rules = lexicon.rules();
            let texts = |keep: &dyn Fn(Category) -> bool, guardrails: bool| {
                rules
                    .iter()
                    .filter(|r| keep(r.category))
                    .flat_map(|r| if guardrails { &r.guardrails } else { &r.examples })
                    .map(String::as_str)
                    .collect::<Vec<_>>()
            };
            let clean = texts(&|_| true, true);
            let sins = texts(&|c| c != Category::Complaint, false);
            let complaints = texts(&|c| c == Category::Complaint, false);
            Material {
                code,
                complaints: !complaints.is_empty(),
                customer: if complaints.is_empty() {
                    clean.clone()
                } else {
                    complaints
                },
                clean,
                sins,
                header,
                names,
            }
        })
        .collect()
});

/// The longest short reply, in bytes; the shortest is [`SHORT_MIN`].
pub const SHORT_MAX: usize = 400;
/// The shortest short reply, in bytes (unless one language's sentences cannot make it).
pub const SHORT_MIN: usize = 40;

/// Short replies of 40 to 400 bytes, each in one lexicon language (all equally likely), one
/// line each, one in three with a lexicon phrase of that language (a rule's example), until
/// `total_bytes` (counting a newline after each) is reached. The same seed gives the same
/// replies.
///
/// ```
/// use replylint_benches::{short_replies, SHORT_MAX};
///
/// let replies = short_replies(1, 10_000);
/// assert!(replies.iter().all(|r| r.text.len() <= SHORT_MAX && !r.text.contains('\n')));
/// assert_eq!(replies, short_replies(1, 10_000));
/// ```
pub fn short_replies(seed: u64, total_bytes: usize) -> Vec<Sample> {
    let mut rng = XorShift(seed.max(1));
    let mut size = 0;
    let mut out = Vec::new();
    while size < total_bytes {
        let material = &MATERIAL[(rng.next() % MATERIAL.len() as u64) as usize];
        let reply = short_reply(&mut rng, material);
        size += reply.text.len() + 1;
        out.push(reply);
    }
    out
}

/// One short reply in `material`'s language, on one line: a third of them with one lexicon
/// phrase, as the first or second sentence.
fn short_reply(rng: &mut XorShift, material: &Material) -> Sample {
    let target = SHORT_MIN + (rng.next() % (SHORT_MAX - SHORT_MIN + 1) as u64) as usize;
    let sin_at = rng.next().is_multiple_of(3).then(|| rng.next() % 2);
    let mut text = String::new();
    let mut sinful = false;
    let mut sentences = 0;
    // Sentences too long for what is left are drawn again, a bounded number of times.
    for _ in 0..32 {
        let sin = sin_at == Some(sentences);
        let sentence = rng.pick(if sin { &material.sins } else { &material.clean });
        let room = SHORT_MAX - text.len() - usize::from(!text.is_empty());
        if sentence.len() > room {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.extend(sentence.split_whitespace().flat_map(|w| [w, " "]));
        text.pop();
        sinful |= sin;
        sentences += 1;
        if text.len() >= target && sinful == sin_at.is_some() {
            break;
        }
    }
    Sample {
        language: material.code,
        text,
        sinful,
    }
}

/// The smallest and largest thread, in bytes.
pub const THREAD_BYTES: std::ops::RangeInclusive<usize> = 5 * 1024..=50 * 1024;

/// `count` email threads of 5 to 50 KB, each in one lexicon language: the agent's reply on
/// top, then the history it quotes, newest first, each earlier message under a mail client's
/// "On … wrote:" header in the thread's language and one more level of `>`, customer and agent
/// taking turns. The same seed gives the same threads.
///
/// ```
/// use replylint_benches::{threads, THREAD_BYTES};
///
/// let threads = threads(1, 3);
/// assert!(threads.iter().all(|t| THREAD_BYTES.contains(&t.text.len())));
/// assert!(threads.iter().all(|t| t.text.contains("\n> > ")));
/// ```
pub fn threads(seed: u64, count: usize) -> Vec<Sample> {
    let mut rng = XorShift(seed.max(1));
    (0..count)
        .map(|_| {
            let material = &MATERIAL[(rng.next() % MATERIAL.len() as u64) as usize];
            thread(&mut rng, material)
        })
        .collect()
}

/// One thread in `material`'s language.
fn thread(rng: &mut XorShift, material: &Material) -> Sample {
    let span = (THREAD_BYTES.end() - THREAD_BYTES.start() + 1) as u64;
    let target = THREAD_BYTES.start() + (rng.next() % span) as usize;
    let mut text = String::new();
    let mut sinful = false;
    for turn in 0.. {
        // Turn 0 is the agent's new reply; odd turns are the customer's.
        let agent = turn % 2 == 0;
        let mut message = String::new();
        if turn > 0 {
            message.push_str(
                &material
                    .header
                    .replace("{name}", material.names[usize::from(agent)]),
            );
            message.push('\n');
        }
        for paragraph in 0..1 + rng.next() % 4 {
            if paragraph > 0 {
                message.push('\n');
            }
            for sentence in 0..1 + rng.next() % 3 {
                let sin = agent && rng.next().is_multiple_of(3);
                let pool = match (agent, sin) {
                    (true, true) => &material.sins,
                    (true, false) => &material.clean,
                    (false, _) if rng.next().is_multiple_of(2) => &material.customer,
                    (false, _) => &material.clean,
                };
                sinful |= sin || (!agent && material.complaints && std::ptr::eq(pool, &material.customer));
                if sentence > 0 {
                    message.push(' ');
                }
                message.extend(rng.pick(pool).split_whitespace().flat_map(|w| [w, " "]));
                message.pop();
            }
            message.push('\n');
        }
        message.push('\n');
        message.push_str(
            material.names[usize::from(agent)]
                .split(" <")
                .next()
                .unwrap_or(""),
        );
        message.push('\n');
        // The header of turn k sits inside turn k-1's quote; its body one level deeper.
        let mut quoted = String::new();
        for (i, line) in message.lines().enumerate() {
            let depth = if i == 0 && turn > 0 { turn - 1 } else { turn };
            quoted.push_str(&"> ".repeat(depth));
            quoted.push_str(line);
            quoted.push('\n');
        }
        if text.len() + quoted.len() > *THREAD_BYTES.end() {
            break;
        }
        if turn > 0 {
            text.push_str(&"> ".repeat(turn - 1));
            text.push('\n');
        }
        text.push_str(&quoted);
        if text.len() >= target {
            break;
        }
    }
    Sample {
        language: material.code,
        text,
        sinful,
    }
}

/// A text of exactly `len` bytes (or up to three less, to end on a character boundary) cut
/// from the threads of `seed`, for cost against text length.
///
/// ```
/// let text = replylint_benches::text_of_len(1, 1000);
/// assert!((997..=1000).contains(&text.len()));
/// ```
pub fn text_of_len(seed: u64, len: usize) -> String {
    let mut text = String::new();
    let mut rng = XorShift(seed.max(1));
    while text.len() < len {
        let material = &MATERIAL[(rng.next() % MATERIAL.len() as u64) as usize];
        text.push_str(&thread(&mut rng, material).text);
    }
    let mut end = len;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The seed of the written corpus (`examples/corpus.rs`) and of the benches built from it.
pub const CORPUS_SEED: u64 = 11;
/// The size of `build/corpus/replies.txt`: 20 MB of short replies, as the performance issue asks.
pub const REPLIES_BYTES: usize = 20_000_000;
/// The number of threads in `build/corpus/threads.jsonl`.
pub const THREADS: usize = 200;

/// The text lengths, in bytes, of the cost-against-length benches.
pub const LENGTHS: &[usize] = &[64, 256, 1024, 4096, 16384, 65536];

/// The language counts of the cost-against-pattern-count benches: analyzers with the first 1,
/// 2, 4, 8 and all 16 built-in languages.
pub const LANGUAGE_STEPS: &[usize] = &[1, 2, 4, 8, 16];

/// The codes of the first `count` built-in languages, in `builtin_lexicons()` order.
///
/// ```
/// assert_eq!(replylint_benches::first_languages(1), ["en"]);
/// ```
pub fn first_languages(count: usize) -> Vec<&'static str> {
    builtin_lexicons()
        .iter()
        .take(count)
        .map(|l| l.language().code.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_language_has_a_thread_header() {
        for lexicon in builtin_lexicons() {
            let code = lexicon.language().code.as_str();
            assert!(
                HEADERS.iter().any(|(c, _, _)| *c == code),
                "add the reply header of language {code} to HEADERS"
            );
        }
    }

    #[test]
    fn short_replies_span_every_language_and_40_to_400_bytes() {
        let replies = short_replies(CORPUS_SEED, 200_000);
        for code in first_languages(usize::MAX) {
            assert!(replies.iter().any(|r| r.language == code), "no reply in {code}");
        }
        let lengths = || replies.iter().map(|r| r.text.len());
        assert!(lengths().all(|n| (SHORT_MIN..=SHORT_MAX).contains(&n)));
        assert!(lengths().min() < Some(80) && lengths().max() > Some(360));
        let sinful = replies.iter().filter(|r| r.sinful).count() as f64 / replies.len() as f64;
        assert!((0.28..0.38).contains(&sinful), "{sinful}");
    }

    /// The analyzer takes the history under each header for quoted text, as in real mail, so
    /// the threads' findings are in the agent's new reply on top.
    #[test]
    fn thread_findings_are_in_the_reply_on_top() {
        let analyzer = replylint::Analyzer::new();
        for thread in threads(CORPUS_SEED, 48) {
            let report = analyzer.analyze(&thread.text);
            let material = MATERIAL.iter().find(|m| m.code == thread.language).unwrap();
            let header = material.header.replace("{name}", material.names[0]);
            let top = thread.text.find(&header).expect("a thread quotes the customer");
            for finding in report.findings() {
                assert!(
                    finding.span().range().start < top,
                    "{}: {} at {} in the quoted history",
                    thread.language,
                    finding.rule_id(),
                    finding.span().range().start
                );
            }
        }
    }
}
