//! `gov:` in site.yaml — what inspectors look for in a government site's footer: the
//! sponsor (主办单位) and operator (承办单位), the site code (网站标识码) and the
//! 我为政府网站找错 entry that carries it.

use super::fields::{Fields, LangText};
use crate::url_policy::UrlPolicy;

/// The national error-report platform's address; the site code is appended as `siteCode=`.
/// Not confirmed against an official document in this project's research: it is the address
/// government sites publish in their footers, and `gov.error_report_url` replaces it.
pub const DEFAULT_ERROR_REPORT_URL: &str = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteCode.action";

const GOV_KNOWN: &[&str] = &["sponsor", "operator", "site_code", "error_report_url"];

#[derive(Debug, Clone, Default)]
pub struct GovSettings {
    pub sponsor: LangText,
    pub operator: LangText,
    /// 网站标识码, checked by [`check_site_code`].
    pub site_code: Option<String>,
    /// The 我为政府网站找错 address with the site code in it; None without a site code.
    pub error_report_url: Option<String>,
}

pub fn read(f: &Fields, policy: &UrlPolicy) -> GovSettings {
    let Some(g) = f.nested("gov") else { return GovSettings::default() };
    g.check_unknown(GOV_KNOWN);
    let site_code = g.text("site_code").filter(|c| match check_site_code(c) {
        Ok(()) => true,
        Err(e) => {
            g.error(
                "site_code",
                e,
                Some("copy the 10-character code from the site's registration, e.g. `site_code: \"6204000001\"`"),
            );
            false
        }
    });
    let base = read_error_report_base(&g, policy);
    GovSettings {
        sponsor: g.lang_text("sponsor"),
        operator: g.lang_text("operator"),
        error_report_url: site_code.as_ref().zip(base).map(|(code, base)| with_site_code(&base, code)),
        site_code,
    }
}

/// A government site code (政府网站标识码) is 10 characters: a local government's site is its
/// 6-digit administrative division code and a 4-digit number (`6204000001`); a State Council
/// department's site is `bm`, the department's 2-digit number and 6 digits (`bm04000001`).
pub fn check_site_code(code: &str) -> Result<(), String> {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let ok = code.len() == 10
        && (digits(code) || code.strip_prefix("bm").or_else(|| code.strip_prefix("BM")).is_some_and(digits));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "\"{code}\" is not a government site code (网站标识码): it has 10 characters, either 10 digits \
             (a local government's site) or `bm` and 8 digits (a State Council department's site)"
        ))
    }
}

fn read_error_report_base(g: &Fields, policy: &UrlPolicy) -> Option<String> {
    let Some(url) = g.text("error_report_url") else { return Some(DEFAULT_ERROR_REPORT_URL.to_string()) };
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    let checked = policy.check(&url).and_then(|()| {
        if absolute && !url.contains(['"', '<', '>', ' ', '#']) {
            Ok(())
        } else {
            Err(format!("\"{url}\" is not a web address of the error-report platform"))
        }
    });
    match checked {
        Ok(()) => Some(url),
        Err(e) => {
            g.error(
                "error_report_url",
                e,
                Some(&format!("leave it out to use {DEFAULT_ERROR_REPORT_URL}, or write a full https:// address")),
            );
            None
        }
    }
}

fn with_site_code(base: &str, code: &str) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}siteCode={code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_codes() {
        assert!(check_site_code("6204000001").is_ok());
        assert!(check_site_code("bm04000001").is_ok());
        for bad in ["620400000", "62040000011", "6204-00001", "xx04000001", "bm0400000a", "６２０４０００００１"]
        {
            assert!(check_site_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn site_code_is_appended_as_a_query() {
        assert_eq!(with_site_code("https://a.cn/x", "6204000001"), "https://a.cn/x?siteCode=6204000001");
        assert_eq!(with_site_code("https://a.cn/x?a=1", "6204000001"), "https://a.cn/x?a=1&siteCode=6204000001");
    }
}
