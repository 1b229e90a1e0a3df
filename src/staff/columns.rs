//! The columns of the staff's sheets, per kind of content: which front-matter field each
//! fills, its Chinese and English header, the other headers offices use for it, and how a
//! cell is read. `site.yaml`'s `import: {columns: …}` adds headers of its own.

/// How a cell's text becomes a front-matter value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Text,
    /// Items split at `、`, `,`, `，`, `;` or `；`.
    List,
    Date,
    /// A whole number (`trl`).
    Integer,
    /// 是/否, yes/no, true/false.
    Bool,
    /// `104.17, 36.55` → `[104.17, 36.55]`.
    Location,
    /// `80/80/80; 86/75/90`: one review a group, market/value/tech.
    Reviews,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The field, with a dot for a nested one (`returns.irr`).
    pub field: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Other headers that mean the same column.
    pub aliases: &'static [&'static str],
    pub cell: Cell,
}

const fn col(field: &'static str, zh: &'static str, en: &'static str, cell: Cell) -> Column {
    Column { field, zh, en, aliases: &[], cell }
}

const fn alias(c: Column, aliases: &'static [&'static str]) -> Column {
    Column { aliases, ..c }
}

/// The kinds a sheet can hold, with their content folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Projects,
    Policies,
    Results,
    Parks,
    Events,
}

impl SheetKind {
    pub fn parse(s: &str) -> Result<SheetKind, String> {
        match s {
            "projects" | "project" => Ok(SheetKind::Projects),
            "policies" | "policy" => Ok(SheetKind::Policies),
            "results" | "result" => Ok(SheetKind::Results),
            "parks" | "park" => Ok(SheetKind::Parks),
            "events" | "event" => Ok(SheetKind::Events),
            other => {
                Err(format!("unknown kind \"{other}\": use projects, policies, results, parks, events or chambers"))
            }
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            SheetKind::Projects => "projects",
            SheetKind::Policies => "policies",
            SheetKind::Results => "results",
            SheetKind::Parks => "parks",
            SheetKind::Events => "events",
        }
    }

    /// The content folder of the kind, relative to the site root.
    pub fn folder(self) -> &'static str {
        match self {
            SheetKind::Projects => "content/projects",
            SheetKind::Policies => "content/policies",
            SheetKind::Results => "content/results",
            SheetKind::Parks => "content/environment/parks",
            SheetKind::Events => "content/events",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            SheetKind::Projects => PROJECTS,
            SheetKind::Policies => POLICIES,
            SheetKind::Results => RESULTS,
            SheetKind::Parks => PARKS,
            SheetKind::Events => EVENTS,
        }
    }

    /// Fields a translation may set (the rest comes from the original).
    pub fn translatable(self) -> &'static [&'static str] {
        match self {
            SheetKind::Projects => crate::domain::projects::TRANSLATABLE,
            SheetKind::Policies => crate::domain::policies::TRANSLATABLE,
            SheetKind::Results => crate::domain::results::TRANSLATABLE,
            SheetKind::Parks => crate::domain::environment::PARK_TRANSLATABLE,
            SheetKind::Events => crate::domain::events::TRANSLATABLE,
        }
    }
}

/// The slug column: which file a row is. Optional; without it the slug comes from the title.
pub const SLUG: Column = alias(col("slug", "文件名", "slug", Cell::Text), &["网址名", "file"]);

const CONTACT: [Column; 4] = [
    alias(col("contact.org", "联系单位", "contact organisation", Cell::Text), &["招商单位", "联系部门"]),
    alias(col("contact.person", "联系人", "contact person", Cell::Text), &["contact"]),
    alias(col("contact.phone", "联系电话", "phone", Cell::Text), &["电话", "telephone"]),
    alias(col("contact.email", "电子邮箱", "email", Cell::Text), &["邮箱", "e-mail"]),
];

const PROJECTS: &[Column] = &[
    SLUG,
    alias(col("title", "项目名称", "title", Cell::Text), &["名称", "project name", "project"]),
    alias(col("summary", "项目简介", "summary", Cell::Text), &["简介", "摘要"]),
    alias(col("code", "项目编号", "code", Cell::Text), &["编号"]),
    alias(col("chain", "所属产业链", "chain", Cell::Text), &["产业链", "industry chain"]),
    alias(col("segment", "产业链环节", "segment", Cell::Text), &["环节"]),
    alias(col("region", "所在地区", "region", Cell::Text), &["地区", "县区"]),
    alias(col("park", "所在园区", "park", Cell::Text), &["园区"]),
    alias(col("investment", "总投资", "investment", Cell::Text), &["总投资额", "投资额", "total investment"]),
    col("cooperation", "合作方式", "cooperation", Cell::List),
    alias(col("stage", "项目阶段", "stage", Cell::Text), &["项目进展", "进展"]),
    alias(col("returns.annual_revenue", "年销售收入", "annual revenue", Cell::Text), &["年产值", "销售收入"]),
    alias(col("returns.annual_profit", "年利润", "annual profit", Cell::Text), &["利润"]),
    alias(col("returns.irr", "内部收益率", "IRR", Cell::Text), &["收益率"]),
    alias(col("returns.payback_years", "投资回收期（年）", "payback years", Cell::Text), &["投资回收期", "回收期"]),
    alias(col("returns.jobs", "带动就业（人）", "jobs", Cell::Text), &["带动就业", "就业"]),
    alias(col("land", "用地面积", "land", Cell::Text), &["用地", "占地面积"]),
    alias(col("date", "发布日期", "date", Cell::Date), &["日期"]),
    alias(col("expires", "截止日期", "expires", Cell::Date), &["有效期至"]),
    CONTACT[0],
    CONTACT[1],
    CONTACT[2],
    CONTACT[3],
    alias(col("location", "经纬度", "location", Cell::Location), &["坐标"]),
    alias(col("featured", "重点推荐", "featured", Cell::Bool), &["推荐"]),
    alias(col("tags", "标签", "tags", Cell::List), &["关键词"]),
];

const POLICIES: &[Column] = &[
    SLUG,
    alias(col("title", "政策名称", "title", Cell::Text), &["名称", "文件名称"]),
    alias(col("summary", "政策要点", "summary", Cell::Text), &["摘要", "简介"]),
    col("issuer", "发文机关", "issuer", Cell::Text),
    alias(col("doc_number", "文号", "document number", Cell::Text), &["发文字号"]),
    alias(col("categories", "政策类别", "categories", Cell::List), &["类别"]),
    col("applies_to.chains", "适用产业链", "chains", Cell::List),
    col("applies_to.regions", "适用地区", "regions", Cell::List),
    alias(col("published", "发布日期", "published", Cell::Date), &["印发日期"]),
    alias(col("effective", "生效日期", "effective", Cell::Date), &["施行日期"]),
    alias(col("expires", "截止日期", "expires", Cell::Date), &["有效期至"]),
    alias(col("source", "原文链接", "source", Cell::Text), &["链接"]),
    alias(col("tags", "标签", "tags", Cell::List), &["关键词"]),
];

const RESULTS: &[Column] = &[
    SLUG,
    alias(col("title", "成果名称", "title", Cell::Text), &["名称"]),
    alias(col("summary", "成果简介", "summary", Cell::Text), &["简介", "摘要"]),
    alias(col("institution", "完成单位", "institution", Cell::Text), &["单位"]),
    alias(col("industry", "所属产业", "industry", Cell::Text), &["产业链", "所属产业链"]),
    alias(col("segment", "产业链环节", "segment", Cell::Text), &["环节"]),
    alias(col("kind", "成果类型", "kind", Cell::Text), &["类型"]),
    alias(col("trl", "技术成熟度", "TRL", Cell::Integer), &["成熟度"]),
    alias(col("ip", "知识产权", "IP", Cell::List), &["专利"]),
    col("transfer", "转化方式", "transfer", Cell::List),
    alias(col("price", "转让价格", "price", Cell::Text), &["价格"]),
    alias(col("registered", "登记日期", "registered", Cell::Date), &["日期"]),
    alias(col("reviews", "评审打分", "reviews", Cell::Reviews), &["评审"]),
    CONTACT[0],
    CONTACT[1],
    CONTACT[2],
    CONTACT[3],
    alias(col("tags", "标签", "tags", Cell::List), &["关键词"]),
];

const PARKS: &[Column] = &[
    SLUG,
    alias(col("title", "园区名称", "title", Cell::Text), &["名称"]),
    alias(col("summary", "园区简介", "summary", Cell::Text), &["简介", "摘要"]),
    alias(col("region", "所在地区", "region", Cell::Text), &["地区", "县区"]),
    alias(col("area", "规划面积", "area", Cell::Text), &["面积"]),
    alias(col("chains", "主导产业链", "chains", Cell::List), &["主导产业"]),
    alias(col("land_available", "可用土地", "land available", Cell::Text), &["可供土地"]),
    col("prices.land", "工业用地价格", "land price", Cell::Text),
    col("prices.electricity", "工业电价", "electricity price", Cell::Text),
    col("prices.water", "工业水价", "water price", Cell::Text),
    col("prices.gas", "天然气价格", "gas price", Cell::Text),
    col("prices.steam", "蒸汽价格", "steam price", Cell::Text),
    col("prices.wage", "平均工资", "average wage", Cell::Text),
    alias(col("location", "经纬度", "location", Cell::Location), &["坐标"]),
    alias(col("tags", "标签", "tags", Cell::List), &["关键词"]),
];

/// Events: the flat fields only. The `signed` list (project, amount, partner per item) is no
/// column; `--update` keeps the one a file has.
const EVENTS: &[Column] = &[
    SLUG,
    alias(col("title", "活动名称", "title", Cell::Text), &["名称", "活动", "event"]),
    alias(col("summary", "活动简介", "summary", Cell::Text), &["简介", "摘要"]),
    alias(col("date", "开始日期", "start date", Cell::Date), &["日期", "举办日期", "活动日期", "date", "start"]),
    alias(col("end", "结束日期", "end date", Cell::Date), &["end"]),
    alias(col("time", "活动时间", "time", Cell::Text), &["时间", "具体时间"]),
    alias(col("place", "地点", "place", Cell::Text), &["活动地点", "举办地点", "venue"]),
    alias(col("kind", "类型", "kind", Cell::Text), &["活动类型", "type"]),
    alias(col("organiser", "主办单位", "organiser", Cell::Text), &["主办方", "organizer"]),
    alias(col("delegations", "接待团组数", "delegations", Cell::Integer), &["团组数", "接待团组"]),
    alias(col("location", "经纬度", "location", Cell::Location), &["坐标"]),
    alias(col("tags", "标签", "tags", Cell::List), &["关键词"]),
];

/// Headers compare without case, spaces and the difference between full-width and ASCII
/// brackets, so `投资回收期(年)` and `Payback Years` are found.
pub fn header_key(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The column a header names: the site's own headers first, then the built-in ones.
pub fn find(kind: SheetKind, header: &str, custom: &[(String, String)]) -> Option<Column> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    let columns = kind.columns();
    if let Some((_, field)) = custom.iter().find(|(h, _)| header_key(h) == key) {
        return columns.iter().find(|c| c.field == field).copied();
    }
    columns.iter().copied().find(|c| {
        header_key(c.zh) == key
            || header_key(c.en) == key
            || header_key(c.field) == key
            || c.aliases.iter().any(|a| header_key(a) == key)
    })
}

/// `A`, `B` … `Z`, `AA` …: the column letter Excel shows.
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_shows_them() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn chinese_english_and_site_headers_find_their_column() {
        let custom = vec![("项目负责人".to_string(), "contact.person".to_string())];
        let field = |h: &str| find(SheetKind::Projects, h, &custom).map(|c| c.field);
        assert_eq!(field("项目名称"), Some("title"));
        assert_eq!(field(" Total Investment "), Some("investment"));
        assert_eq!(field("投资回收期(年)"), Some("returns.payback_years"));
        assert_eq!(field("项目负责人"), Some("contact.person"));
        assert_eq!(field("备注"), None);
    }

    #[test]
    fn every_column_is_a_field_the_kind_knows() {
        let kinds = [SheetKind::Projects, SheetKind::Policies, SheetKind::Results, SheetKind::Parks, SheetKind::Events];
        for kind in kinds {
            let known = match kind {
                SheetKind::Projects => crate::domain::projects::KNOWN,
                SheetKind::Policies => crate::domain::policies::KNOWN,
                SheetKind::Results => crate::domain::results::KNOWN,
                SheetKind::Parks => crate::domain::environment::PARK_KNOWN,
                SheetKind::Events => crate::domain::events::KNOWN,
            };
            for c in kind.columns() {
                let top = c.field.split('.').next().unwrap_or_default();
                assert!(known.contains(&top), "{} in {}", c.field, kind.id());
            }
        }
    }
}
