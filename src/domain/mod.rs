//! The promotion domain: what projects, policies, parks, regions, chains and research
//! results are, how their front matter is validated, and the rules about them (a project's
//! listing closes, a policy is in force or expired). Nothing here knows about HTML.

pub mod environment;
pub mod finder;
pub mod policies;
pub mod pool;
pub mod projects;
pub mod results;

use crate::load::fields::Fields;
use crate::units::Date;

pub use environment::{Chain, Environment, Park, Region};
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
}

/// Ids that front matter may refer to, known before pages are validated.
#[derive(Debug, Default)]
pub struct Refs<'a> {
    pub env: Option<&'a Environment>,
    /// Slugs of the park pages.
    pub parks: Vec<String>,
}

impl Refs<'_> {
    pub fn check_chain(&self, f: &Fields, key: &str, id: &str) -> bool {
        let Some(env) = self.env else { return true };
        if env.chain(id).is_some() {
            return true;
        }
        let known: Vec<&str> = env.chains.iter().map(|c| c.id.as_str()).collect();
        f.error(key, format!("no industry chain \"{id}\" in data/chains.yaml"), Some(&suggest(id, &known)));
        false
    }

    pub fn check_segment(&self, f: &Fields, key: &str, chain: &str, segment: &str) {
        let Some(c) = self.env.and_then(|e| e.chain(chain)) else { return };
        if c.segment(segment).is_none() {
            let known: Vec<&str> = c.segments.iter().map(|s| s.id.as_str()).collect();
            f.error(
                key,
                format!("chain \"{chain}\" has no segment \"{segment}\" in data/chains.yaml"),
                Some(&suggest(segment, &known)),
            );
        }
    }

    pub fn check_region(&self, f: &Fields, key: &str, id: &str) {
        let Some(env) = self.env else { return };
        if env.region(id).is_none() {
            let known: Vec<&str> = env.regions.iter().map(|r| r.id.as_str()).collect();
            f.error(key, format!("no region \"{id}\" in data/regions.yaml"), Some(&suggest(id, &known)));
        }
    }

    pub fn check_park(&self, f: &Fields, key: &str, slug: &str) {
        if !self.parks.iter().any(|p| p == slug) {
            let known: Vec<&str> = self.parks.iter().map(String::as_str).collect();
            f.error(
                key,
                format!("no park page \"{slug}\" in content/environment/parks/"),
                Some(&suggest(slug, &known)),
            );
        }
    }
}

fn suggest(word: &str, known: &[&str]) -> String {
    match crate::load::fields::closest(word, known) {
        Some(k) => format!("did you mean \"{k}\"? Known ids: {}", known.join(", ")),
        None if known.is_empty() => "none are defined yet".to_string(),
        None => format!("known ids: {}", known.join(", ")),
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
