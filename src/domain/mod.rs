//! The promotion domain: what projects, policies, parks, regions, chains and research
//! results are, how their front matter is validated, and the rules about them (a project's
//! listing closes, a policy is in force or expired). Nothing here knows about HTML.

pub mod chambers;
mod data_list;
pub mod environment;
pub mod events;
pub mod finder;
pub mod policies;
pub mod pool;
pub mod projects;
pub mod results;
pub mod statistics;

use crate::load::fields::Fields;
use crate::units::Date;

pub use environment::{Chain, Environment, Park, Region};
pub use events::Event;
pub use policies::Policy;
pub use projects::Project;
pub use results::ResearchResult;

/// The typed, language-neutral data of a page, by kind.
#[derive(Debug, Clone)]
pub enum Domain {
    Plain,
    Project(Box<Project>),
    Policy(Box<Policy>),
    Park(Box<Park>),
    Result(Box<ResearchResult>),
    Event(Box<Event>),
}

/// Ids that front matter may refer to, known before pages are validated.
#[derive(Debug, Default)]
pub struct Refs<'a> {
    pub env: Option<&'a Environment>,
    /// The park pages: slug and title in each language.
    pub parks: Vec<ParkRef>,
    /// The project pages, named the same way (events list the projects signed at them);
    /// `None` where they are not known (the staff tools check one file at a time).
    pub projects: Option<Vec<ParkRef>>,
    /// The event pages (a project's `signed.event` names one); `None` as above.
    pub events: Option<Vec<ParkRef>>,
}

/// A park (project, event) page as other files may name it: by its slug or by its title in any language.
#[derive(Debug, Clone, Default)]
pub struct ParkRef {
    pub slug: String,
    pub titles: Vec<String>,
}

/// Something with an id that authors may also write by one of its names.
pub struct Named<'n> {
    pub id: &'n str,
    pub names: Vec<&'n str>,
}

impl Named<'_> {
    /// `nonferrous (有色金属 / Non-ferrous metals)`: how suggestions show a choice.
    pub fn described(&self) -> String {
        let names: Vec<&str> = self.names.iter().copied().filter(|n| *n != self.id).collect();
        if names.is_empty() { self.id.to_string() } else { format!("{} ({})", self.id, names.join(" / ")) }
    }
}

/// Names compare without case and surrounding or doubled spaces, so `Non-ferrous Metals`
/// and `有色金属 ` find the same chain.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// The id of the item written as its id or one of its names.
pub fn find_named<'n>(written: &str, items: &[Named<'n>]) -> Option<&'n str> {
    let w = written.trim();
    items
        .iter()
        .find(|i| i.id == w)
        .or_else(|| items.iter().find(|i| i.names.iter().any(|n| same_name(n, w))))
        .map(|i| i.id)
}

/// "did you mean …?" with the names beside the ids, so an author who wrote a name sees
/// which id it is.
pub fn suggest_named(written: &str, items: &[Named]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for i in items {
        words.push(i.id);
        words.extend(i.names.iter().copied());
    }
    let all: Vec<String> = items.iter().map(Named::described).collect();
    let near = crate::load::fields::closest(written.trim(), &words)
        .and_then(|w| items.iter().find(|i| i.id == w || i.names.contains(&w)));
    match near {
        Some(i) => format!("did you mean {}? Known: {}", i.described(), all.join(", ")),
        None if items.is_empty() => "none are defined yet".to_string(),
        None => format!("write the id or the name of one of: {}", all.join(", ")),
    }
}

fn lang_names(t: &crate::load::fields::LangText) -> Vec<&str> {
    match t {
        crate::load::fields::LangText::None => Vec::new(),
        crate::load::fields::LangText::One(s) => vec![s.as_str()],
        crate::load::fields::LangText::Map(m) => m.iter().map(|(_, s)| s.as_str()).collect(),
    }
}

impl Environment {
    pub fn named_chains(&self) -> Vec<Named<'_>> {
        self.chains.iter().map(|c| Named { id: &c.id, names: lang_names(&c.name) }).collect()
    }

    pub fn named_regions(&self) -> Vec<Named<'_>> {
        self.regions.iter().map(|r| Named { id: &r.id, names: lang_names(&r.name) }).collect()
    }
}

impl Chain {
    pub fn named_segments(&self) -> Vec<Named<'_>> {
        self.segments.iter().map(|s| Named { id: &s.id, names: lang_names(&s.name) }).collect()
    }
}

/// A fixed list of choices with their names, from `(id, Chinese, English)`.
pub fn named_choices(table: &[(&'static str, &'static str, &'static str)]) -> Vec<Named<'static>> {
    table.iter().map(|(id, zh, en)| Named { id, names: vec![zh, en] }).collect()
}

/// One id from a fixed list (`table`: id, Chinese name, English name), written as the id
/// or one of its names (`合资`, `Joint venture`); reported with the names when unknown.
pub fn read_choice(f: &Fields, key: &str, table: &[(&'static str, &'static str, &'static str)]) -> Option<String> {
    let written = f.text(key)?;
    named_choice(f, key, &written, table)
}

/// A list of ids from a fixed list, each written as the id or a name; unknown ones are
/// reported and dropped.
pub fn read_choices(f: &Fields, key: &str, table: &[(&'static str, &'static str, &'static str)]) -> Vec<String> {
    f.list(key).iter().filter_map(|w| named_choice(f, key, w, table)).collect()
}

fn named_choice(
    f: &Fields,
    key: &str,
    written: &str,
    table: &[(&'static str, &'static str, &'static str)],
) -> Option<String> {
    let items = named_choices(table);
    let found = find_named(written, &items).map(str::to_string);
    if found.is_none() {
        f.error(key, format!("unknown value \"{written}\""), Some(&suggest_named(written, &items)));
    }
    found
}

impl Refs<'_> {
    /// The chain's id, from its id or a name; reported (with names) and `None` when unknown.
    pub fn check_chain(&self, f: &Fields, key: &str, written: &str) -> Option<String> {
        let Some(env) = self.env else { return Some(written.to_string()) };
        let items = env.named_chains();
        let found = find_named(written, &items).map(str::to_string);
        if found.is_none() {
            let msg = format!("no industry chain \"{written}\" in data/chains.yaml");
            f.error(key, msg, Some(&suggest_named(written, &items)));
        }
        found
    }

    pub fn check_segment(&self, f: &Fields, key: &str, chain: &str, written: &str) -> Option<String> {
        let Some(c) = self.env.and_then(|e| e.chain(chain)) else { return Some(written.to_string()) };
        let items = c.named_segments();
        let found = find_named(written, &items).map(str::to_string);
        if found.is_none() {
            let msg = format!("chain \"{chain}\" has no segment \"{written}\" in data/chains.yaml");
            f.error(key, msg, Some(&suggest_named(written, &items)));
        }
        found
    }

    pub fn check_region(&self, f: &Fields, key: &str, written: &str) -> Option<String> {
        let Some(env) = self.env else { return Some(written.to_string()) };
        let items = env.named_regions();
        let found = find_named(written, &items).map(str::to_string);
        if found.is_none() {
            let msg = format!("no region \"{written}\" in data/regions.yaml");
            f.error(key, msg, Some(&suggest_named(written, &items)));
        }
        found
    }

    pub fn check_park(&self, f: &Fields, key: &str, written: &str) -> Option<String> {
        let items: Vec<Named> = self
            .parks
            .iter()
            .map(|p| Named { id: &p.slug, names: p.titles.iter().map(String::as_str).collect() })
            .collect();
        let found = find_named(written, &items).map(str::to_string);
        if found.is_none() {
            let msg = format!("no park page \"{written}\" in content/environment/parks/");
            f.error(key, msg, Some(&suggest_named(written, &items)));
        }
        found
    }
}

/// Where a dated listing stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Closed,
    InForce,
    Expired,
    Pending,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
            Status::InForce => "in-force",
            Status::Expired => "expired",
            Status::Pending => "pending",
        }
    }

    /// Closed and expired items are kept but listed after current ones.
    pub fn is_current(self) -> bool {
        matches!(self, Status::Open | Status::InForce | Status::Pending)
    }

    /// Order in lists: open listings and policies in force, then policies not yet in
    /// force, then closed and expired items.
    pub fn list_rank(self) -> u8 {
        match self {
            Status::Open | Status::InForce => 0,
            Status::Pending => 1,
            Status::Closed | Status::Expired => 2,
        }
    }
}

/// Contact details: org and person are translatable, the numbers are not.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Contact {
    pub org: Option<String>,
    pub person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub wechat: Option<String>,
}

impl Contact {
    pub const TRANSLATABLE: &'static [&'static str] = &["org", "person"];

    pub fn read(f: &Fields) -> Option<Contact> {
        let c = f.nested("contact")?;
        c.check_unknown(&["org", "person", "phone", "email", "wechat"]);
        Some(Contact {
            org: c.text("org"),
            person: c.text("person"),
            phone: checked_contact(&c, "phone", check_phone),
            email: checked_contact(&c, "email", check_email),
            wechat: c.text("wechat"),
        })
    }
}

/// A contact field that becomes a link (`tel:`, `mailto:`): reported at its line and left
/// out when it is not what it says.
pub fn checked_contact(f: &Fields, key: &str, check: fn(&str) -> Result<(), String>) -> Option<String> {
    let value = f.text(key)?;
    match check(&value) {
        Ok(()) => Some(value),
        Err(why) => {
            let help = if key == "email" { EMAIL_HELP } else { PHONE_HELP };
            f.error(key, why, Some(help));
            None
        }
    }
}

const EMAIL_HELP: &str = "write one address like invest@example.cn";
const PHONE_HELP: &str = "write one number with digits, +, -, spaces and parentheses, like 0943-8226600 or +86 943 822 6600; put office hours or a second number in the text";

/// An e-mail address as a `mailto:` link needs it: one `@`, no spaces, control characters
/// or characters that would start a query (`?`, `&`) or another address (`,`, `;`).
pub fn check_email(email: &str) -> Result<(), String> {
    let shown = email.escape_debug();
    let not_address = |why: &str| Err(format!("\"{shown}\" is not an e-mail address: {why}"));
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return not_address("it contains a space or an invisible character");
    }
    let Some((local, domain)) = email.split_once('@') else { return not_address("there is no @") };
    if local.is_empty() || domain.is_empty() || domain.contains('@') {
        return not_address("write one name, one @ and one domain");
    }
    if let Some(c) = local.chars().find(|c| !(c.is_alphanumeric() || "._%+-".contains(*c))) {
        return not_address(&format!("`{c}` cannot be part of the name before the @"));
    }
    if let Some(c) = domain.chars().find(|c| !(c.is_alphanumeric() || ".-".contains(*c))) {
        return not_address(&format!("`{c}` cannot be part of the domain after the @"));
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') || domain.contains("..") {
        return not_address("the domain after the @ is incomplete");
    }
    Ok(())
}

/// A phone number as a `tel:` link needs it: digits, `+`, `-`, spaces and parentheses.
pub fn check_phone(phone: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_digit() || "+-() （）".contains(c);
    if let Some(c) = phone.chars().find(|c| !allowed(*c)) {
        let what = if c.is_control() || c.is_whitespace() {
            format!("the invisible character U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        };
        return Err(format!("\"{}\" is not a phone number: it contains {what}", phone.escape_debug()));
    }
    if phone.chars().filter(char::is_ascii_digit).count() < 3 {
        return Err(format!("\"{phone}\" is not a phone number: it has too few digits"));
    }
    Ok(())
}

/// Is `date` after the last day `until`? A listing expiring on a day is still open that day.
pub fn is_past(until: Date, today: Date) -> bool {
    today > until
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_that_make_safe_mailto_links() {
        for ok in ["invest@example.cn", "a.b+c@mail.invest-baiyin.example.cn", "招商@白银.中国"] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "invest",
            "a b@example.cn",
            "a@b@example.cn",
            "a@example",
            "javascript:alert(1)@x.cn",
            "a@example.cn?subject=x",
            "a@example.cn\u{0}",
            "a,b@example.cn",
            "@example.cn",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_that_make_safe_tel_links() {
        for ok in ["0943-8226600", "+86 943 822 6600", "(0943) 8226600", "（0943）8226600"] {
            assert_eq!(check_phone(ok), Ok(()), "{ok}");
        }
        for bad in ["0943-8226600 转 801", "javascript:1", "12", "0943\t8226600", "0943/8226600"] {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
    }
}
