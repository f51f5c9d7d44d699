//! The corpus every replylint benchmark shares: deterministic, multilingual replies built from
//! the built-in lexicons' own examples (the sins) and ordinary sentences (the clean part).

use replylint::builtin_lexicons;

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
