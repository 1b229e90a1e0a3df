//! The promotion domain: what projects, policies, parks, regions, chains and research
//! results are, how their front matter is validated, and the rules about them (a project's
//! listing closes, a policy is in force or expired). Nothing here knows about HTML.

pub mod environment;
pub mod finder;
pub mod policies;
pub mod projects;
pub mod results;

use crate::fields::Fields;
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
    match crate::fields::closest(word, known) {
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
        let email = c.text("email");
        if let Some(e) = &email
            && (!e.contains('@') || e.contains(' '))
        {
            c.error("email", format!("\"{e}\" is not an e-mail address"), None);
        }
        Some(Contact {
            org: c.text("org"),
            person: c.text("person"),
            phone: c.text("phone"),
            email,
            wechat: c.text("wechat"),
        })
    }
}

/// Is `date` after the last day `until`? A listing expiring on a day is still open that day.
pub fn is_past(until: Date, today: Date) -> bool {
    today > until
}
