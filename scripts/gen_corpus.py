#!/usr/bin/env python3
"""Deterministic bilingual (zh/en) corpus generator for static-site-generator
build benchmarks (investment-promotion material).

    python3 scripts/gen_corpus.py 1000 --tool investsite   # -> /tmp/bench/investsite-1000
    python3 scripts/gen_corpus.py 1000 --tool hugo         # -> /tmp/bench/hugo-1000
    python3 scripts/gen_corpus.py 5000 --tool zola --seed 7
    python3 scripts/gen_corpus.py 20000 --tool all         # every registered format

scripts/bench.sh runs it and times investsite against Hugo (docs/performance.md).

N is the number of content ITEMS; every item is written once in Chinese (the
default language) and once in English, so a site has 2*N content pages.
Items are split over three sections by a fixed cycle
(projects, projects, policies, results):

  projects  招商项目  industry chain, region, investment amount, cooperation
                     mode, contact, tags
  policies  政策文件  issuing authority, document number, publish / effective /
                     expiry dates
  results   研究成果  institution and three scores

Every item carries the two taxonomies `industry` and `region`.

The corpus is built once as language-neutral `Item` objects; a `SiteFormat`
subclass turns them into one tool's site (config, templates, front matter,
file naming).  To add a tool, subclass SiteFormat and add it to FORMATS.

Item i depends only on (seed, i), never on N, so the 1000-item site is a prefix
of the 20000-item one.  Python standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field

DEFAULT_SEED = 20240601
LANGS = ("zh", "en")          # first one is the default language (site root)
SECTION_CYCLE = ("projects", "projects", "policies", "results")
SECTIONS = ("projects", "policies", "results")
TAXONOMIES = ("industry", "region")
PER_PAGE = 20                 # list / term pagination
FEED_LIMIT = 20               # items per RSS feed
BASE_URL = "https://invest.example.org"

# --------------------------------------------------------------------------
# Vocabulary: (zh, en) pairs
# --------------------------------------------------------------------------

INDUSTRIES = [
    ("新能源汽车", "New energy vehicles"), ("集成电路", "Integrated circuits"),
    ("生物医药", "Biomedicine"), ("人工智能", "Artificial intelligence"),
    ("高端装备", "High-end equipment"), ("新材料", "Advanced materials"),
    ("光伏", "Photovoltaics"), ("新型储能", "Energy storage"),
    ("现代物流", "Modern logistics"), ("数字经济", "Digital economy"),
    ("低空经济", "Low-altitude economy"), ("绿色化工", "Green chemicals"),
    ("文化旅游", "Cultural tourism"), ("现代农业", "Modern agriculture"),
    ("医疗器械", "Medical devices"), ("航空航天", "Aerospace"),
]

REGIONS = [
    ("苏州工业园区", "Suzhou Industrial Park"), ("上海临港新片区", "Lingang Special Area"),
    ("合肥高新区", "Hefei High-tech Zone"), ("深圳前海", "Qianhai Shenzhen"),
    ("成都天府新区", "Tianfu New Area"), ("武汉东湖高新区", "Wuhan East Lake High-tech Zone"),
    ("西安高新区", "Xi'an High-tech Zone"), ("杭州钱塘新区", "Qiantang New Area"),
    ("南京江北新区", "Jiangbei New Area"), ("重庆两江新区", "Liangjiang New Area"),
    ("天津滨海新区", "Binhai New Area"), ("青岛西海岸新区", "Qingdao West Coast New Area"),
    ("厦门火炬高新区", "Xiamen Torch Hi-tech Zone"), ("长沙经开区", "Changsha Economic Development Zone"),
    ("郑州航空港区", "Zhengzhou Airport Economy Zone"), ("宁波前湾新区", "Ningbo Qianwan New Area"),
    ("无锡高新区", "Wuxi National Hi-tech District"), ("广州南沙", "Nansha Guangzhou"),
    ("昆山开发区", "Kunshan Development Zone"), ("常州武进", "Wujin Changzhou"),
    ("沈阳浑南", "Hunnan Shenyang"), ("济南新旧动能转换起步区", "Jinan Starting Zone"),
    ("贵阳大数据综试区", "Guiyang Big Data Zone"), ("海南自贸港", "Hainan Free Trade Port"),
]

PROJECT_OBJECTS = [
    ("产业园", "industrial park"), ("研发中心", "R&D centre"), ("生产基地", "production base"),
    ("总部基地", "headquarters base"), ("孵化器", "incubator"), ("智能工厂", "smart factory"),
    ("供应链中心", "supply-chain hub"), ("检测认证平台", "testing and certification platform"),
    ("中试基地", "pilot-scale base"), ("产业创新中心", "industrial innovation centre"),
]

PHASES = [("", ""), ("（一期）", " (Phase I)"), ("（二期）", " (Phase II)"), ("（三期）", " (Phase III)")]

COOP_MODES = [
    ("独资", "Wholly foreign-owned"), ("合资", "Joint venture"), ("股权合作", "Equity partnership"),
    ("租赁厂房", "Leased facilities"), ("代建回购", "Build and buy-back"),
    ("政府和社会资本合作", "Public-private partnership"), ("基金招商", "Fund-led investment"),
]

TAGS = [
    ("重点项目", "key project"), ("链主企业", "chain leader"), ("专精特新", "specialised SME"),
    ("总部经济", "headquarters economy"), ("外资", "foreign investment"), ("科创", "sci-tech"),
    ("绿色低碳", "low carbon"), ("数字化转型", "digital transformation"), ("出口导向", "export oriented"),
    ("产学研", "industry-academia"), ("首台套", "first-of-a-kind"), ("人才引进", "talent attraction"),
]

SURNAMES = [("张", "Zhang"), ("王", "Wang"), ("李", "Li"), ("刘", "Liu"), ("陈", "Chen"),
            ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu")]
GIVEN = [("伟", "Wei"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"), ("洋", "Yang"),
         ("婷", "Ting"), ("强", "Qiang"), ("军", "Jun"), ("杰", "Jie"), ("芳", "Fang")]

AUTHORITIES = [
    ("省人民政府办公厅", "General Office of the Provincial People's Government", "政办发"),
    ("市发展和改革委员会", "Municipal Development and Reform Commission", "发改投资"),
    ("市商务局", "Municipal Bureau of Commerce", "商务发"),
    ("市工业和信息化局", "Municipal Bureau of Industry and Information Technology", "工信发"),
    ("市科学技术局", "Municipal Science and Technology Bureau", "科发"),
    ("园区管理委员会", "Park Administrative Committee", "管委发"),
    ("市财政局", "Municipal Finance Bureau", "财企"),
    ("市人力资源和社会保障局", "Municipal Human Resources and Social Security Bureau", "人社发"),
]

POLICY_TITLES = [
    ("关于支持{ind}产业高质量发展的若干措施", "Measures to support high-quality development of the {ind_l} industry"),
    ("{reg}促进{ind}产业集聚发展实施细则", "Implementing rules of {reg} for clustering the {ind_l} industry"),
    ("关于加快{ind}产业链招商引资的通知", "Notice on accelerating investment attraction along the {ind_l} chain"),
    ("{ind}领域重大项目专项扶持办法", "Special support measures for major {ind_l} projects"),
    ("关于优化{ind}企业营商环境的实施意见", "Opinions on improving the business environment for {ind_l} enterprises"),
]

INSTITUTIONS = [
    ("产业经济研究院", "Institute of Industrial Economics"), ("高校联合实验室", "University Joint Laboratory"),
    ("省科学院", "Provincial Academy of Sciences"), ("产业技术研究院", "Industrial Technology Research Institute"),
    ("投资促进中心研究部", "Research Department, Investment Promotion Centre"),
    ("新型研发机构", "New-type R&D Institution"),
]

RESULT_TOPICS = [
    ("关键材料国产化", "domestic substitution of key materials"), ("智能制造工艺", "smart manufacturing processes"),
    ("低成本量产技术", "low-cost mass production"), ("检测标准体系", "testing standards"),
    ("产业链图谱", "industry-chain mapping"), ("数字孪生平台", "a digital-twin platform"),
    ("碳足迹核算", "carbon-footprint accounting"), ("核心零部件", "core components"),
]

# --------------------------------------------------------------------------
# Sentence pools, parallel zh/en.  Placeholders: {ind} {ind_l} {reg} {amt}
# {out} {fund} {award} {tax} {jobs} {n} {firms} {mu} {unis} {patents} {partners}
# {year} {pct} {pct2} {rd} {months} {mode} {inst} {topic} {auth} {portal} {section_url}
# {policies_url}
# --------------------------------------------------------------------------

INTRO = {
    "projects": [
        ("本项目位于{reg}，聚焦{ind}产业链关键环节，计划总投资{amt}。",
         "Located in {reg}, the project targets key links of the {ind_l} industry chain with a planned total investment of {amt}."),
        ("项目拟引进{ind}领域龙头企业或其核心配套企业，打造区域性产业集群。",
         "It aims to bring in a leading {ind_l} company or its core suppliers and build a regional industrial cluster."),
        ("项目建成后预计年产值约{out}，新增就业岗位约{jobs}个。",
         "When completed it is expected to generate annual output of about {out} and create roughly {jobs} jobs."),
    ],
    "policies": [
        ("为加快{ind}产业发展，{auth}印发本政策文件，自发布之日起施行。",
         "To accelerate the {ind_l} industry, the {auth} issued this policy, effective from the date of publication."),
        ("本政策适用于在{reg}注册并实际经营的{ind}企业和项目。",
         "The policy applies to {ind_l} enterprises and projects registered and operating in {reg}."),
        ("政策围绕项目落地、研发创新、人才引进和金融支持四个方面提出具体措施。",
         "It sets out concrete measures on project landing, research and innovation, talent attraction and financial support."),
    ],
    "results": [
        ("本成果由{inst}完成，围绕{ind}领域的{topic}开展了系统研究。",
         "This result was delivered by the {inst} after a systematic study of {topic} in the {ind_l} sector."),
        ("研究成果已在{reg}开展小批量验证，具备进一步产业化的条件。",
         "The result has been validated in small batches in {reg} and is ready for further commercialisation."),
        ("成果形成专利{patents}项，相关技术指标达到国内先进水平。",
         "It has produced {patents} patents, and its key technical indicators reach an advanced domestic level."),
    ],
}

OVERVIEW = [
    ("{reg}区位优势明显，距离国际机场和深水港均在一小时车程以内。",
     "{reg} enjoys a strong location, within an hour's drive of an international airport and a deep-water port."),
    ("区域内已集聚{ind}上下游企业{firms}余家，配套体系较为完善。",
     "More than {firms} upstream and downstream {ind_l} firms are already clustered in the area, giving a mature supply base."),
    ("项目用地约{mu}亩，已完成土地平整和“七通一平”基础设施建设。",
     "The site covers about {mu} mu and is already levelled, with utilities and roads in place."),
    ("当地提供标准厂房和人才公寓，可满足企业快速投产和员工安居需求。",
     "Standard factory buildings and talent apartments are available, so companies can start production and house staff quickly."),
    ("{year}年该区域{ind}产业规模同比增长{pct}%，增速位居全省前列。",
     "In {year} the {ind_l} industry in the area grew by {pct}% year on year, among the fastest in the province."),
    ("园区设立专业化招商服务团队，实行项目全生命周期“一对一”服务。",
     "A dedicated investment service team offers one-to-one support across the whole life cycle of each project."),
    ("区域内拥有高校和科研院所{unis}家，每年培养相关专业毕业生逾万人。",
     "The region hosts {unis} universities and research institutes, producing more than ten thousand relevant graduates a year."),
    ("电力、天然气和工业用水供应稳定，综合要素成本低于周边同类园区。",
     "Power, gas and industrial water supplies are stable, and overall factor costs are lower than in comparable parks nearby."),
    ("企业可享受研发费用加计扣除、高新技术企业所得税优惠等政策。",
     "Companies benefit from the super-deduction of R&D expenses and the reduced income-tax rate for high-tech enterprises."),
    ("海关、税务和市场监管部门在园区设有服务窗口，审批事项实行并联办理。",
     "Customs, tax and market-regulation offices have service windows on site, and approvals are processed in parallel."),
    ("周边已建成综合物流园，可为企业提供仓储、分拨和跨境运输服务。",
     "A logistics park nearby provides warehousing, distribution and cross-border transport services."),
    ("地方政府设立{fund}产业引导基金，重点支持{ind}领域重大项目。",
     "The local government has set up an industrial guidance fund of {fund} focused on major {ind_l} projects."),
]

HIGHLIGHTS = [
    ("市场空间广阔，{ind}需求持续快速增长", "Large market, with demand for {ind_l} growing fast"),
    ("产业链配套完整，本地配套率超过{pct}%", "Complete supply chain, with over {pct}% of inputs sourced locally"),
    ("审批流程简化，实现“拿地即开工”", "Streamlined approvals: construction can start as soon as land is acquired"),
    ("人才政策有力，高层次人才最高奖励{award}", "Strong talent policy, with awards of up to {award} for top talent"),
    ("融资渠道多元，可对接产业基金和银行授信", "Diverse financing, with access to industry funds and bank credit"),
    ("应用场景丰富，优先开放本地示范项目", "Rich application scenarios, with local demonstration projects opened first"),
    ("物流成本较低，多式联运网络通达全国", "Low logistics costs and a multimodal network reaching the whole country"),
    ("生态环境优良，适宜研发人员长期工作生活", "A good environment for researchers to live and work long term"),
]

POLICY_CLAUSES = [
    ("对新落户的{ind}重大项目，按实际固定资产投资的{pct2}%给予补助，最高{award}。",
     "New major {ind_l} projects receive a subsidy of {pct2}% of actual fixed-asset investment, capped at {award}."),
    ("对企业新建研发机构，经认定后给予一次性奖励。",
     "Newly established corporate R&D institutions receive a one-off award once certified."),
    ("对引进的高层次人才团队，给予项目资助和安家补贴。",
     "High-level talent teams receive project funding and housing allowances."),
    ("对首次纳入规模以上统计的企业，给予阶梯式奖励。",
     "Enterprises entering the above-designated-size statistics for the first time receive tiered awards."),
    ("对企业贷款给予贴息支持，贴息比例不超过同期贷款市场报价利率的{pct}%。",
     "Loan interest is subsidised at up to {pct}% of the prevailing loan prime rate."),
    ("符合条件的项目可申请使用标准地出让方式供地。",
     "Qualifying projects may obtain land through the standard-plot transfer scheme."),
]

RESULT_FINDINGS = [
    ("关键工艺良品率提升至{pct}%，单位成本下降约三成。",
     "The yield of the key process rose to {pct}%, and unit cost fell by about thirty per cent."),
    ("研究建立了覆盖{n}项指标的评价模型，可用于项目筛选和风险评估。",
     "The study built an evaluation model covering {n} indicators for project screening and risk assessment."),
    ("成果已与{partners}家企业签订技术合作或许可协议。",
     "The result has been licensed to or co-developed with {partners} companies."),
    ("试点应用显示，能耗较传统方案降低{pct}%以上。",
     "Pilot deployments show energy use more than {pct}% lower than conventional approaches."),
    ("研究团队建议在{reg}布局中试线，加快成果转化。",
     "The team recommends a pilot line in {reg} to speed up commercialisation."),
]

CLOSING = [
    ("欢迎有意向的企业通过[招商服务平台]({portal})提交合作意向，我们将在三个工作日内回复。",
     "Interested companies are welcome to submit an expression of interest through the [investment service portal]({portal}); we reply within three working days."),
    ("合作方式以{mode}为主，具体条件可根据项目情况*一事一议*。",
     "The preferred cooperation mode is {mode}; specific terms can be *negotiated case by case*."),
    ("更多同类信息请浏览[本栏目列表]({section_url})或访问[政策汇编]({policies_url})。",
     "For similar opportunities see the [section listing]({section_url}) or the [policy collection]({policies_url})."),
    ("项目信息仅供参考，最终以双方签署的正式协议为准。",
     "The information is for reference only; the formal agreement signed by both parties prevails."),
]

HEADINGS = {
    "zh": {"overview": {"projects": "项目概况", "policies": "政策要点", "results": "研究内容"},
           "highlights": {"projects": "投资亮点", "policies": "支持方向", "results": "主要创新点"},
           "table": "主要指标", "clauses": "配套政策", "findings": "主要结论", "contact": "合作方式",
           "cols": ("指标", "数值", "说明")},
    "en": {"overview": {"projects": "Overview", "policies": "Key points", "results": "Research scope"},
           "highlights": {"projects": "Investment highlights", "policies": "Areas of support",
                          "results": "Main innovations"},
           "table": "Key figures", "clauses": "Supporting policies", "findings": "Findings",
           "contact": "How to cooperate",
           "cols": ("Indicator", "Value", "Note")},
}

TABLE_ROWS = [
    (("计划投资", "Planned investment"), ("{amt}", "{amt}"), ("含设备投资", "incl. equipment")),
    (("年产值", "Annual output"), ("{out}", "{out}"), ("达产后", "at full capacity")),
    (("用地面积", "Land area"), ("{mu} 亩", "{mu} mu"), ("工业用地", "industrial land")),
    (("就业岗位", "Jobs"), ("{jobs} 个", "{jobs}"), ("新增", "new")),
    (("建设周期", "Construction period"), ("{months} 个月", "{months} months"), ("分期实施", "in phases")),
    (("税收贡献", "Tax contribution"), ("{tax}", "{tax}"), ("年均", "annual average")),
    (("研发投入占比", "R&D intensity"), ("{rd}%", "{rd}%"), ("占营业收入", "of revenue")),
]

I18N = {
    "zh": {"projects": "招商项目", "policies": "政策文件", "results": "研究成果",
           "industry": "产业链", "region": "区域", "latest_projects": "最新招商项目",
           "latest_policies": "最新政策", "investment": "投资额", "mode": "合作方式",
           "contact": "联系人", "authority": "发文机关", "doc_number": "文号",
           "published": "发布日期", "effective": "有效期", "institution": "完成单位",
           "score_innovation": "创新性", "score_maturity": "成熟度", "score_market": "市场前景",
           "prev": "上一页", "next": "下一页", "page": "页", "language_name": "中文",
           "footer": "招商引资信息平台 · 示例数据"},
    "en": {"projects": "Projects", "policies": "Policies", "results": "Research results",
           "industry": "Industry chains", "region": "Regions", "latest_projects": "Latest projects",
           "latest_policies": "Latest policies", "investment": "Investment", "mode": "Cooperation mode",
           "contact": "Contact", "authority": "Issuing authority", "doc_number": "Document No.",
           "published": "Published", "effective": "Valid", "institution": "Institution",
           "score_innovation": "Innovation", "score_maturity": "Maturity", "score_market": "Market outlook",
           "prev": "Previous", "next": "Next", "page": "Page", "language_name": "English",
           "footer": "Investment Promotion Portal · sample data"},
}

SITE_TITLE = {"zh": "招商引资信息平台", "en": "Investment Promotion Portal"}
SITE_INTRO = {
    "zh": "本平台汇集各地**招商项目**、**产业政策**与**研究成果**，为投资者提供一站式信息服务。",
    "en": "This portal gathers **investment projects**, **industrial policies** and **research results** "
          "from across the country as a one-stop information service for investors.",
}
SECTION_INTRO = {
    "projects": ("按发布时间排列的招商项目。", "Investment projects, newest first."),
    "policies": ("各级政府发布的产业扶持政策。", "Industrial support policies issued by governments."),
    "results": ("可转化的科研成果及评分。", "Research results available for commercialisation, with scores."),
}

# --------------------------------------------------------------------------
# Language-neutral corpus
# --------------------------------------------------------------------------


@dataclass
class Item:
    index: int
    section: str
    slug: str
    date: str                                   # TOML offset datetime
    industry: list                              # indexes into INDUSTRIES
    region: list                                # indexes into REGIONS
    params: dict = field(default_factory=dict)  # lang -> {name: value} custom fields
    title: dict = field(default_factory=dict)   # lang -> str
    body: dict = field(default_factory=dict)    # lang -> markdown

    def terms(self, tax, lang):
        pool, idx = (INDUSTRIES, self.industry) if tax == "industry" else (REGIONS, self.region)
        k = LANGS.index(lang)
        return [pool[i][k] for i in idx]


def _money(rng_val_100m, lang):
    """rng_val_100m: amount in units of 100 million CNY (亿元)."""
    if lang == "zh":
        return f"{rng_val_100m:g}亿元"
    return f"CNY {rng_val_100m / 10:g} billion"


def _wan(x, lang):
    """x in units of 10 thousand CNY (万元)."""
    return f"{x}万元" if lang == "zh" else f"CNY {x / 100:g} million"


def _fill(template, ctx):
    return template.format(**ctx)


def _lcfirst(s):
    # "New energy vehicles" -> "new energy vehicles" (keep acronyms / proper nouns)
    return s[0].lower() + s[1:] if s and not s[:2].isupper() else s


def make_item(seed, i):
    rng = random.Random(f"{seed}:{i}")
    section = SECTION_CYCLE[i % len(SECTION_CYCLE)]
    slug = f"{section[:-1] if section != 'policies' else 'policy'}-{i:06d}"
    day0 = dt.date(2019, 1, 1)
    date = day0 + dt.timedelta(days=rng.randrange(0, 2372))          # up to mid-2025
    hour = rng.randrange(8, 19)
    date_s = f"{date.isoformat()}T{hour:02d}:{rng.randrange(60):02d}:00+08:00"

    n_ind = 1 if section == "results" else rng.choice((1, 1, 2)) if section == "projects" else rng.choice((1, 2, 3))
    industry = rng.sample(range(len(INDUSTRIES)), n_ind)
    region = [rng.randrange(len(REGIONS))]
    item = Item(i, section, slug, date_s, industry, region)

    amt = round(rng.uniform(0.5, 80.0), 1)
    out = round(amt * rng.uniform(0.8, 3.0), 1)
    fund = rng.choice((10, 20, 30, 50, 100))
    award = rng.choice((100, 200, 300, 500, 1000))
    ctx_common = dict(
        jobs=rng.randrange(50, 3000), n=rng.randrange(5, 40), year=date.year - 1,
        pct=rng.randrange(5, 60), pct2=rng.randrange(5, 30), months=rng.randrange(12, 48),
        firms=rng.randrange(20, 400), mu=rng.randrange(30, 1500), unis=rng.randrange(3, 60),
        patents=rng.randrange(2, 40), partners=rng.randrange(1, 15), rd=round(rng.uniform(2, 15), 1), portal=f"{BASE_URL}/service/apply?ref={slug}",
    )
    mode = rng.randrange(len(COOP_MODES))
    tags = rng.sample(range(len(TAGS)), rng.randrange(2, 5))
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
    phone = f"0{rng.randrange(10, 999)}-{rng.randrange(10000000, 99999999)}"
    email = f"invest{rng.randrange(1, 200):03d}@example.gov.cn"
    obj = rng.randrange(len(PROJECT_OBJECTS))
    phase = rng.randrange(len(PHASES))
    auth = rng.randrange(len(AUTHORITIES))
    doc_no = f"{AUTHORITIES[auth][2]}〔{date.year}〕{rng.randrange(1, 120)}号"
    eff = date + dt.timedelta(days=rng.randrange(0, 60))
    exp = eff + dt.timedelta(days=365 * rng.randrange(1, 6))
    ptitle = rng.randrange(len(POLICY_TITLES))
    inst = rng.randrange(len(INSTITUTIONS))
    topic = rng.randrange(len(RESULT_TOPICS))
    scores = {k: round(rng.uniform(55, 99), 1) for k in ("innovation", "maturity", "market")}

    # structural choices shared by both languages -> equivalent bodies
    size = rng.random()                                   # 0 = short, 1 = long
    n_over = 3 + round(size * 6)                          # overview sentences
    over_idx = rng.sample(range(len(OVERVIEW)), min(n_over, len(OVERVIEW)))
    split = max(1, len(over_idx) // 2)
    n_hl = 3 + round(size * 3)
    hl_idx = rng.sample(range(len(HIGHLIGHTS)), n_hl)
    emph_hl = rng.randrange(n_hl)
    n_rows = 3 + round(size * 3)
    row_idx = sorted(rng.sample(range(len(TABLE_ROWS)), n_rows))
    n_cl = 2 + round(size * 2)
    cl_idx = rng.sample(range(len(POLICY_CLAUSES)), n_cl)
    n_find = 2 + round(size * 2)
    find_idx = rng.sample(range(len(RESULT_FINDINGS)), n_find)
    close_idx = sorted(rng.sample(range(len(CLOSING)), 2 + round(size)))
    if 0 not in close_idx:
        close_idx = [0] + close_idx[1:]

    for k, lang in enumerate(LANGS):
        ind_names = [INDUSTRIES[j][k] for j in industry]
        ind = ind_names[0]
        reg = REGIONS[region[0]][k]
        prefix = "" if k == 0 else f"/{lang}"
        ctx = dict(ctx_common, ind=ind, ind_l=_lcfirst(ind) if lang == "en" else ind, reg=reg,
                   amt=_money(amt, lang), out=_money(out, lang), fund=_money(fund, lang),
                   award=_wan(award, lang), tax=_money(round(out * 0.06, 2), lang),
                   mode=COOP_MODES[mode][k] if lang == "zh" else COOP_MODES[mode][k].lower(),
                   inst=INSTITUTIONS[inst][k], topic=RESULT_TOPICS[topic][k],
                   auth=AUTHORITIES[auth][k], section_url=f"{prefix}/{section}/",
                   policies_url=f"{prefix}/policies/")
        if section == "projects":
            title = (f"{reg}{ind}{PROJECT_OBJECTS[obj][0]}项目{PHASES[phase][0]}" if lang == "zh" else
                     f"{ind} {PROJECT_OBJECTS[obj][1]} in {reg}{PHASES[phase][1]}")
            params = {"investment": _money(amt, lang), "investment_100m_cny": amt,
                      "cooperation_mode": COOP_MODES[mode][k],
                      "contact": {"name": (surname[0] + given[0]) if lang == "zh" else f"{given[1]} {surname[1]}",
                                  "phone": phone, "email": email},
                      "tags": [TAGS[t][k] for t in tags]}
        elif section == "policies":
            title = _fill(POLICY_TITLES[ptitle][k], ctx)
            params = {"authority": AUTHORITIES[auth][k], "doc_number": doc_no,
                      "publish_date": date.isoformat(), "effective_date": eff.isoformat(),
                      "expiry_date": exp.isoformat()}
        else:
            title = (f"{ind}领域{RESULT_TOPICS[topic][0]}研究成果" if lang == "zh" else
                     f"Research on {RESULT_TOPICS[topic][1]} in {_lcfirst(ind)}")
            params = {"institution": INSTITUTIONS[inst][k], "scores": scores}
        item.title[lang] = title
        item.params[lang] = params

        h = HEADINGS[lang]
        sp = "" if lang == "zh" else " "
        out_md = []
        out_md.append(sp.join(_fill(s[k], ctx) for s in INTRO[section]))
        out_md.append("<!--more-->")
        out_md.append(f"## {h['overview'][section]}")
        over = [_fill(OVERVIEW[j][k], ctx) for j in over_idx]
        over[0] = f"**{over[0]}**"
        out_md.append(sp.join(over[:split]))
        if over[split:]:
            out_md.append(sp.join(over[split:]))
        out_md.append(f"## {h['highlights'][section]}")
        hl = []
        for n_, j in enumerate(hl_idx):
            t = _fill(HIGHLIGHTS[j][k], ctx)
            hl.append(f"- *{t}*" if n_ == emph_hl else f"- {t}")
        out_md.append("\n".join(hl))
        if section == "policies":
            out_md.append(f"### {h['clauses']}")
            out_md.append("\n".join(f"{n_ + 1}. {_fill(POLICY_CLAUSES[j][k], ctx)}" for n_, j in enumerate(cl_idx)))
        elif section == "results":
            out_md.append(f"### {h['findings']}")
            out_md.append("\n".join(f"{n_ + 1}. {_fill(RESULT_FINDINGS[j][k], ctx)}" for n_, j in enumerate(find_idx)))
        out_md.append(f"## {h['table']}")
        cols = h["cols"]
        rows = [f"| {cols[0]} | {cols[1]} | {cols[2]} |", "| --- | ---: | --- |"]
        for j in row_idx:
            label, val, note = TABLE_ROWS[j]
            rows.append(f"| {label[k]} | {_fill(val[k], ctx)} | {note[k]} |")
        out_md.append("\n".join(rows))
        out_md.append(f"## {h['contact']}")
        out_md.append(sp.join(_fill(CLOSING[j][k], ctx) for j in close_idx))
        item.body[lang] = "\n\n".join(out_md) + "\n"
    return item


def corpus(n, seed):
    for i in range(n):
        yield make_item(seed, i)

# --------------------------------------------------------------------------
# Minimal TOML writer (strings, numbers, bools, lists, inline tables)
# --------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, RawToml):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)     # JSON string escapes are valid TOML
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def toml_key(k):
    return k if _BARE_KEY.match(k) else json.dumps(k, ensure_ascii=False)


class RawToml(str):
    """A value written verbatim (e.g. a TOML datetime)."""


def toml_lines(d):
    return [f"{toml_key(k)} = {toml_value(v)}" for k, v in d.items()]

# --------------------------------------------------------------------------
# Site formats
# --------------------------------------------------------------------------

STYLE_CSS = """body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:auto;padding:1rem}
header.site,footer.site{display:flex;gap:1rem;flex-wrap:wrap;padding:.5rem 0;border-bottom:1px solid #ddd}
footer.site{border-top:1px solid #ddd;border-bottom:0;margin-top:2rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}
.items{list-style:none;padding:0}.items li{margin:1rem 0}.tag{background:#eef;padding:0 .3rem;margin-right:.3rem}
.pager{display:flex;gap:1rem}
"""


class SiteFormat:
    """One tool's site layout.  Subclasses fill in the abstract parts."""
    name = "?"

    def __init__(self, root):
        self.root = root

    # -- helpers
    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    @staticmethod
    def lang_suffix(lang):
        """`slug.md` for the default language, `slug.en.md` otherwise (Hugo and Zola agree)."""
        return "" if lang == LANGS[0] else f".{lang}"

    # -- to implement
    def write_skeleton(self):
        """config, templates, static files, i18n tables"""
        raise NotImplementedError

    def write_index_pages(self):
        """home page and section index files for every language"""
        raise NotImplementedError

    def write_item(self, item):
        raise NotImplementedError

    # -- driver
    def build(self, items):
        self.write_skeleton()
        self.write_index_pages()
        n = 0
        for item in items:
            self.write_item(item)
            n += 1
        return n


# ---------------------------------------------------------------- Hugo ----

HUGO_TEMPLATES = {
    "layouts/_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} | {{ .Site.Title }}{{ end }}</title>
<link rel="stylesheet" href="{{ "style.css" | absURL }}">
{{ with .Site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header class="site">
<a class="brand" href="{{ .Site.Home.Permalink }}">{{ .Site.Title }}</a>
<nav>
<a href="{{ "projects/" | absLangURL }}">{{ i18n "projects" }}</a>
<a href="{{ "policies/" | absLangURL }}">{{ i18n "policies" }}</a>
<a href="{{ "results/" | absLangURL }}">{{ i18n "results" }}</a>
<a href="{{ "industry/" | absLangURL }}">{{ i18n "industry" }}</a>
<a href="{{ "region/" | absLangURL }}">{{ i18n "region" }}</a>
</nav>
<nav class="lang">{{ range .Translations }}<a href="{{ .Permalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer class="site">{{ i18n "footer" }}</footer>
</body>
</html>
""",
    "layouts/partials/item.html": """<li class="item"><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
<span class="terms">{{ delimit .Params.industry ", " }} · {{ delimit .Params.region ", " }}</span>
<div class="summary">{{ .Summary }}</div></li>
""",
    "layouts/partials/pager.html": """{{ if gt .TotalPages 1 }}<nav class="pager">
{{ if .HasPrev }}<a rel="prev" href="{{ .Prev.URL | absURL }}">{{ i18n "prev" }}</a>{{ end }}
<span>{{ i18n "page" }} {{ .PageNumber }} / {{ .TotalPages }}</span>
{{ if .HasNext }}<a rel="next" href="{{ .Next.URL | absURL }}">{{ i18n "next" }}</a>{{ end }}
</nav>{{ end }}
""",
    "layouts/index.html": """{{ define "main" }}
<section class="intro"><h1>{{ .Title }}</h1>
{{ .Content }}</section>
{{ $projects := where .Site.RegularPages "Section" "projects" }}
{{ $policies := where .Site.RegularPages "Section" "policies" }}
<h2><a href="{{ "projects/" | absLangURL }}">{{ i18n "latest_projects" }}</a> ({{ len $projects }})</h2>
<ul class="items">{{ range first 10 $projects }}{{ partial "item.html" . }}{{ end }}</ul>
<h2><a href="{{ "policies/" | absLangURL }}">{{ i18n "latest_policies" }}</a> ({{ len $policies }})</h2>
<ul class="items">{{ range first 10 $policies }}{{ partial "item.html" . }}{{ end }}</ul>
{{ end }}
""",
    "layouts/_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pag := .Paginate .Pages }}
<ul class="items">{{ range $pag.Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ partial "pager.html" $pag }}
{{ end }}
""",
    "layouts/_default/taxonomy.html": """{{ define "main" }}
<h1>{{ i18n .Data.Plural }}</h1>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "layouts/_default/term.html": """{{ define "main" }}
<h1>{{ i18n .Data.Plural }}: {{ .Title }}</h1>
{{ $pag := .Paginate .Pages }}
<ul class="items">{{ range $pag.Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ partial "pager.html" $pag }}
{{ end }}
""",
    "layouts/_default/single.html": """{{ define "main" }}
<article class="{{ .Section }}">
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time> · <a href="{{ printf "%s/" .Section | absLangURL }}">{{ i18n .Section }}</a></p>
<table class="facts"><tbody>
{{ with .Params }}{{ if eq $.Section "projects" }}
<tr><th>{{ i18n "investment" }}</th><td>{{ .investment }}</td></tr>
<tr><th>{{ i18n "mode" }}</th><td>{{ .cooperation_mode }}</td></tr>
<tr><th>{{ i18n "contact" }}</th><td>{{ .contact.name }} · {{ .contact.phone }} · <a href="mailto:{{ .contact.email }}">{{ .contact.email }}</a></td></tr>
{{ else if eq $.Section "policies" }}
<tr><th>{{ i18n "authority" }}</th><td>{{ .authority }}</td></tr>
<tr><th>{{ i18n "doc_number" }}</th><td>{{ .doc_number }}</td></tr>
<tr><th>{{ i18n "published" }}</th><td>{{ .publish_date }}</td></tr>
<tr><th>{{ i18n "effective" }}</th><td>{{ .effective_date }} – {{ .expiry_date }}</td></tr>
{{ else }}
<tr><th>{{ i18n "institution" }}</th><td>{{ .institution }}</td></tr>
<tr><th>{{ i18n "score_innovation" }}</th><td>{{ .scores.innovation }}</td></tr>
<tr><th>{{ i18n "score_maturity" }}</th><td>{{ .scores.maturity }}</td></tr>
<tr><th>{{ i18n "score_market" }}</th><td>{{ .scores.market }}</td></tr>
{{ end }}{{ end }}
<tr><th>{{ i18n "industry" }}</th><td>{{ range .GetTerms "industry" }}<a href="{{ .Permalink }}">{{ .LinkTitle }}</a> {{ end }}</td></tr>
<tr><th>{{ i18n "region" }}</th><td>{{ range .GetTerms "region" }}<a href="{{ .Permalink }}">{{ .LinkTitle }}</a> {{ end }}</td></tr>
</tbody></table>
{{ with .Params.tags }}<p class="tags">{{ range . }}<span class="tag">{{ . }}</span>{{ end }}</p>{{ end }}
<div class="content">
{{ .Content }}
</div>
</article>
{{ end }}
""",
    "layouts/404.html": """{{ define "main" }}<h1>404</h1>{{ end }}
""",
}


class HugoFormat(SiteFormat):
    """Hugo (tested with 0.111.3, Debian bookworm): filename-based translations,
    zh at the site root, en under /en/.  Default outputs, except no RSS for the
    taxonomy *list* pages (Zola has none there either)."""
    name = "hugo"
    CONFIG_FILE = "config.toml"

    def config_lines(self):
        return [
            f"paginate = {PER_PAGE}",
            f"rssLimit = {FEED_LIMIT}",
        ]

    def language_lines(self, lang):
        return [f'    languageName = "{I18N[lang]["language_name"]}"']

    def templates(self):
        return dict(HUGO_TEMPLATES)

    def write_skeleton(self):
        cfg = [
            f'baseURL = "{BASE_URL}/"',
            f'title = "{SITE_TITLE[LANGS[0]]}"',
            f'defaultContentLanguage = "{LANGS[0]}"',
            "defaultContentLanguageInSubdir = false",
            "hasCJKLanguage = true",
        ] + self.config_lines() + [
            "disableKinds = []",
            "",
            "[taxonomies]",
        ] + [f'  {t} = "{t}"' for t in TAXONOMIES] + [
            "",
            "[outputs]",
            '  home = ["HTML", "RSS"]',
            '  section = ["HTML", "RSS"]',
            '  taxonomy = ["HTML"]',
            '  term = ["HTML", "RSS"]',
            "",
            "[markup.goldmark.renderer]",
            "  unsafe = true",
            "[markup.goldmark.extensions]",
            "  typographer = false          # Zola's smart_punctuation is off by default",
            "",
            "[languages]",
        ]
        for w, lang in enumerate(LANGS, 1):
            cfg += [f"  [languages.{lang}]"] + self.language_lines(lang) + [
                    f'    title = "{SITE_TITLE[lang]}"',
                    f"    weight = {w}"]
        self.write(self.CONFIG_FILE, "\n".join(cfg) + "\n")
        for rel, text in self.templates().items():
            self.write(rel, text)
        for lang in LANGS:
            self.write(f"i18n/{lang}.toml", "\n".join(
                f"[{k}]\nother = {toml_value(v)}" for k, v in I18N[lang].items()) + "\n")
        self.write("static/style.css", STYLE_CSS)

    def write_index_pages(self):
        for k, lang in enumerate(LANGS):
            sfx = self.lang_suffix(lang)
            self.write(f"content/_index{sfx}.md",
                       f"+++\ntitle = {toml_value(SITE_TITLE[lang])}\n+++\n\n{SITE_INTRO[lang]}\n")
            for sec in SECTIONS:
                self.write(f"content/{sec}/_index{sfx}.md",
                           f"+++\ntitle = {toml_value(I18N[lang][sec])}\n+++\n\n{SECTION_INTRO[sec][k]}\n")

    def write_item(self, item):
        for lang in LANGS:
            fm = {"title": item.title[lang], "date": RawToml(item.date)}
            for t in TAXONOMIES:
                fm[t] = item.terms(t, lang)
            fm.update(item.params[lang])
            text = "+++\n" + "\n".join(toml_lines(fm)) + "\n+++\n\n" + item.body[lang]
            self.write(f"content/{item.section}/{item.slug}{self.lang_suffix(lang)}.md", text)


class HugoCurrentFormat(HugoFormat):
    """Same site for Hugo >= 0.158 (tested with 0.168.0): the template system of
    0.146 (layouts/ without _default/, _partials/, home/page/section.html), the
    [pagination] and [services.rss] config keys, and languages.*.label.
    Content files are identical to the `hugo` format."""
    name = "hugo-current"
    CONFIG_FILE = "hugo.toml"
    RENAME = {
        "layouts/_default/baseof.html": "layouts/baseof.html",
        "layouts/partials/item.html": "layouts/_partials/item.html",
        "layouts/partials/pager.html": "layouts/_partials/pager.html",
        "layouts/index.html": "layouts/home.html",
        "layouts/_default/list.html": "layouts/section.html",
        "layouts/_default/taxonomy.html": "layouts/taxonomy.html",
        "layouts/_default/term.html": "layouts/term.html",
        "layouts/_default/single.html": "layouts/page.html",
        "layouts/404.html": "layouts/404.html",
    }

    def config_lines(self):
        return []

    def write_skeleton(self):
        super().write_skeleton()
        with open(os.path.join(self.root, self.CONFIG_FILE), "a", encoding="utf-8") as f:
            f.write(f"\n[pagination]\n  pagerSize = {PER_PAGE}\n[services.rss]\n  limit = {FEED_LIMIT}\n")

    def language_lines(self, lang):
        return [f'    label = "{I18N[lang]["language_name"]}"']

    def templates(self):
        return {self.RENAME[k]: v.replace(".Language.LanguageName", ".Language.Label")
                for k, v in HUGO_TEMPLATES.items()}


# ---------------------------------------------------------------- Zola ----

ZOLA_TEMPLATES = {
    "templates/base.html": """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="stylesheet" href="{{ get_url(path="style.css") }}">
<link rel="alternate" type="application/rss+xml" href="{{ get_url(path="rss.xml", lang=lang, trailing_slash=false) }}">
{%- if page is defined %}{% set tr = page.translations %}{% elif section is defined %}{% set tr = section.translations %}{% else %}{% set tr = [] %}{% endif %}
{% for t in tr %}{% if t.lang != lang %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink | safe }}">
{% endif %}{% endfor %}</head>
<body>
<header class="site">
<a class="brand" href="{{ get_url(path="@/_index.md", lang=lang) }}">{{ config.title }}</a>
<nav>
<a href="{{ get_url(path="projects/", lang=lang, trailing_slash=true) }}">{{ trans(key="projects", lang=lang) }}</a>
<a href="{{ get_url(path="policies/", lang=lang, trailing_slash=true) }}">{{ trans(key="policies", lang=lang) }}</a>
<a href="{{ get_url(path="results/", lang=lang, trailing_slash=true) }}">{{ trans(key="results", lang=lang) }}</a>
<a href="{{ get_url(path="industry/", lang=lang, trailing_slash=true) }}">{{ trans(key="industry", lang=lang) }}</a>
<a href="{{ get_url(path="region/", lang=lang, trailing_slash=true) }}">{{ trans(key="region", lang=lang) }}</a>
</nav>
<nav class="lang">{% for t in tr %}{% if t.lang != lang %}<a href="{{ t.permalink | safe }}" hreflang="{{ t.lang }}">{{ trans(key="language_name", lang=t.lang) }}</a>{% endif %}{% endfor %}</nav>
</header>
<main>
{% block main %}{% endblock main %}
</main>
<footer class="site">{{ trans(key="footer", lang=lang) }}</footer>
</body>
</html>
""",
    "templates/macros.html": """{% macro item(page) %}<li class="item"><a href="{{ page.path | safe }}">{{ page.title }}</a> <time datetime="{{ page.date | date(format="%Y-%m-%d") }}">{{ page.date | date(format="%Y-%m-%d") }}</time>
<span class="terms">{{ page.taxonomies.industry | join(sep=", ") }} · {{ page.taxonomies.region | join(sep=", ") }}</span>
<div class="summary">{{ page.summary | safe }}</div></li>
{% endmacro item %}
""",
    "templates/partials/pager.html": """{% if paginator.number_pagers > 1 %}<nav class="pager">
{% if paginator.previous %}<a rel="prev" href="{{ paginator.previous | safe }}">{{ trans(key="prev", lang=lang) }}</a>{% endif %}
<span>{{ trans(key="page", lang=lang) }} {{ paginator.current_index }} / {{ paginator.number_pagers }}</span>
{% if paginator.next %}<a rel="next" href="{{ paginator.next | safe }}">{{ trans(key="next", lang=lang) }}</a>{% endif %}
</nav>{% endif %}
""",
    "templates/index.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{% block main %}
<section class="intro"><h1>{{ section.title }}</h1>
{{ section.content | safe }}</section>
{% set projects = get_section(path="projects/_index.md", lang=lang) %}
{% set policies = get_section(path="policies/_index.md", lang=lang) %}
<h2><a href="{{ get_url(path="projects/", lang=lang, trailing_slash=true) }}">{{ trans(key="latest_projects", lang=lang) }}</a> ({{ projects.pages | length }})</h2>
<ul class="items">{% for p in projects.pages | slice(end=10) %}{{ m::item(page=p) }}{% endfor %}</ul>
<h2><a href="{{ get_url(path="policies/", lang=lang, trailing_slash=true) }}">{{ trans(key="latest_policies", lang=lang) }}</a> ({{ policies.pages | length }})</h2>
<ul class="items">{% for p in policies.pages | slice(end=10) %}{{ m::item(page=p) }}{% endfor %}</ul>
{% endblock main %}
""",
    "templates/section.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul class="items">{% for p in paginator.pages %}{{ m::item(page=p) }}{% endfor %}</ul>
{% include "partials/pager.html" %}
{% endblock main %}
""",
    "templates/taxonomy_list.html": """{% extends "base.html" %}
{% block title %}{{ trans(key=taxonomy.name, lang=lang) }} | {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ trans(key=taxonomy.name, lang=lang) }}</h1>
<ul class="terms">{% for term in terms %}<li><a href="{{ term.path | safe }}">{{ term.name }}</a> ({{ term.page_count }})</li>
{% endfor %}</ul>
{% endblock main %}
""",
    "templates/taxonomy_single.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{% block title %}{{ term.name }} | {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ trans(key=taxonomy.name, lang=lang) }}: {{ term.name }}</h1>
<ul class="items">{% for p in paginator.pages %}{{ m::item(page=p) }}{% endfor %}</ul>
{% include "partials/pager.html" %}
{% endblock main %}
""",
    "templates/page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block main %}
{% set sec = page.relative_path | split(pat="/") | first %}
<article class="{{ sec }}">
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date | date(format="%Y-%m-%d") }}">{{ page.date | date(format="%Y-%m-%d") }}</time> · <a href="{{ get_url(path=sec ~ "/", lang=lang, trailing_slash=true) }}">{{ trans(key=sec, lang=lang) }}</a></p>
<table class="facts"><tbody>
{% set x = page.extra %}{% if sec == "projects" %}
<tr><th>{{ trans(key="investment", lang=lang) }}</th><td>{{ x.investment }}</td></tr>
<tr><th>{{ trans(key="mode", lang=lang) }}</th><td>{{ x.cooperation_mode }}</td></tr>
<tr><th>{{ trans(key="contact", lang=lang) }}</th><td>{{ x.contact.name }} · {{ x.contact.phone }} · <a href="mailto:{{ x.contact.email }}">{{ x.contact.email }}</a></td></tr>
{% elif sec == "policies" %}
<tr><th>{{ trans(key="authority", lang=lang) }}</th><td>{{ x.authority }}</td></tr>
<tr><th>{{ trans(key="doc_number", lang=lang) }}</th><td>{{ x.doc_number }}</td></tr>
<tr><th>{{ trans(key="published", lang=lang) }}</th><td>{{ x.publish_date }}</td></tr>
<tr><th>{{ trans(key="effective", lang=lang) }}</th><td>{{ x.effective_date }} – {{ x.expiry_date }}</td></tr>
{% else %}
<tr><th>{{ trans(key="institution", lang=lang) }}</th><td>{{ x.institution }}</td></tr>
<tr><th>{{ trans(key="score_innovation", lang=lang) }}</th><td>{{ x.scores.innovation }}</td></tr>
<tr><th>{{ trans(key="score_maturity", lang=lang) }}</th><td>{{ x.scores.maturity }}</td></tr>
<tr><th>{{ trans(key="score_market", lang=lang) }}</th><td>{{ x.scores.market }}</td></tr>
{% endif %}
<tr><th>{{ trans(key="industry", lang=lang) }}</th><td>{% for t in page.taxonomies.industry %}<a href="{{ get_taxonomy_url(kind="industry", name=t, lang=lang) }}">{{ t }}</a> {% endfor %}</td></tr>
<tr><th>{{ trans(key="region", lang=lang) }}</th><td>{% for t in page.taxonomies.region %}<a href="{{ get_taxonomy_url(kind="region", name=t, lang=lang) }}">{{ t }}</a> {% endfor %}</td></tr>
</tbody></table>
{% if x.tags %}<p class="tags">{% for t in x.tags %}<span class="tag">{{ t }}</span>{% endfor %}</p>{% endif %}
<div class="content">
{{ page.content | safe }}
</div>
</article>
{% endblock main %}
""",
    "templates/404.html": """{% extends "base.html" %}{% block main %}<h1>404</h1>{% endblock main %}
""",
}


class ZolaFormat(SiteFormat):
    """Zola (tested with 0.22): filename-based translations, zh at the site root,
    en under /en/.  Feeds switched on for home, sections and taxonomy terms (RSS
    2.0, same limit as Hugo), sitemap and robots.txt as Zola always writes them."""
    name = "zola"

    def write_skeleton(self):
        tax = ",\n".join(f'  {{ name = "{t}", paginate_by = {PER_PAGE}, feed = true }}' for t in TAXONOMIES)
        cfg = [
            f'base_url = "{BASE_URL}"',
            f'title = "{SITE_TITLE[LANGS[0]]}"',
            f'default_language = "{LANGS[0]}"',
            "generate_feeds = true",
            'feed_filenames = ["rss.xml"]',
            f"feed_limit = {FEED_LIMIT}",
            "compile_sass = false",
            "build_search_index = false",
            f"taxonomies = [\n{tax},\n]",
            "",
        ]
        for lang in LANGS[1:]:
            cfg += [f"[languages.{lang}]",
                    f'title = "{SITE_TITLE[lang]}"',
                    "generate_feeds = true",
                    'feed_filenames = ["rss.xml"]',
                    f"taxonomies = [\n{tax},\n]",
                    ""]
        cfg += ["[translations]"] + [f"{k} = {toml_value(v)}" for k, v in I18N[LANGS[0]].items()] + [""]
        for lang in LANGS[1:]:
            cfg += [f"[languages.{lang}.translations]"] + \
                   [f"{k} = {toml_value(v)}" for k, v in I18N[lang].items()] + [""]
        self.write("zola.toml", "\n".join(cfg))
        for rel, text in ZOLA_TEMPLATES.items():
            self.write(rel, text)
        self.write("static/style.css", STYLE_CSS)

    def write_index_pages(self):
        for k, lang in enumerate(LANGS):
            sfx = self.lang_suffix(lang)
            self.write(f"content/_index{sfx}.md",
                       f"+++\ntitle = {toml_value(SITE_TITLE[lang])}\n+++\n\n{SITE_INTRO[lang]}\n")
            for sec in SECTIONS:
                self.write(f"content/{sec}/_index{sfx}.md",
                           "+++\n" + "\n".join([
                               f"title = {toml_value(I18N[lang][sec])}",
                               'sort_by = "date"',
                               f"paginate_by = {PER_PAGE}",
                               "generate_feeds = true",
                           ]) + f"\n+++\n\n{SECTION_INTRO[sec][k]}\n")

    def write_item(self, item):
        for lang in LANGS:
            lines = ["+++", f"title = {toml_value(item.title[lang])}", f"date = {item.date}", "",
                     "[taxonomies]"]
            lines += [f"{t} = {toml_value(item.terms(t, lang))}" for t in TAXONOMIES]
            lines += ["", "[extra]"] + toml_lines(item.params[lang]) + ["+++", ""]
            self.write(f"content/{item.section}/{item.slug}{self.lang_suffix(lang)}.md",
                       "\n".join(lines) + "\n" + item.body[lang])


# ------------------------------------------------------------ investsite ----

INVESTSITE_COOP = ["sole", "joint-venture", "equity", "lease", "other", "ppp", "other"]
INVESTSITE_POLICY_CATS = ["land", "tax", "finance", "energy", "talent", "logistics", "rd", "services"]


def yaml_str(s):
    return json.dumps(s, ensure_ascii=False)   # a JSON string is a valid YAML scalar


class InvestsiteFormat(SiteFormat):
    """investsite: the content contract of the content model (docs/reference.md). zh at the
    root, en under /en/; industries become chains in data/chains.yaml, regions
    become data/regions.yaml; projects, policies and results are typed content."""
    name = "investsite"

    def write_skeleton(self):
        self.write("site.yaml", "\n".join([
            f"title: {{zh: {yaml_str(SITE_TITLE['zh'])}, en: {yaml_str(SITE_TITLE['en'])}}}",
            f"base_url: {BASE_URL}",
            f"languages: [{', '.join(LANGS)}]",
            "pool: {weights: {market: 0.4, value: 0.3, tech: 0.3}, admit_ratio: 0.2, min_score: 60, trim_from: 5}",
            "",
        ]))
        chains = []
        for i, (zh, en) in enumerate(INDUSTRIES):
            chains.append(f"- id: ind-{i:02d}\n  name: {{zh: {yaml_str(zh)}, en: {yaml_str(en)}}}\n"
                          f"  segments:\n    midstream:\n      - {{id: core, name: {{zh: 核心环节, en: Core segment}}, enterprises: []}}")
        self.write("data/chains.yaml", "\n".join(chains) + "\n")
        regions = [f"- {{id: reg-{i:02d}, name: {{zh: {yaml_str(zh)}, en: {yaml_str(en)}}}}}" for i, (zh, en) in enumerate(REGIONS)]
        self.write("data/regions.yaml", "\n".join(regions) + "\n")

    def write_index_pages(self):
        for k, lang in enumerate(LANGS):
            self.write(f"content/_index.{lang}.md", f"---\ntitle: {yaml_str(SITE_TITLE[lang])}\n---\n\n{SITE_INTRO[lang]}\n")
            for sec in SECTIONS:
                self.write(f"content/{sec}/_index.{lang}.md",
                           f"---\ntitle: {yaml_str(I18N[lang][sec])}\n---\n\n{SECTION_INTRO[sec][k]}\n")

    def write_item(self, item):
        zh = item.params["zh"]
        date = item.date[:10]
        if item.section == "projects":
            mode = next(i for i, m in enumerate(COOP_MODES) if m[0] == zh["cooperation_mode"])
            fm = [f"title: {yaml_str(item.title['zh'])}", f"chain: ind-{item.industry[0]:02d}",
                  f"region: reg-{item.region[0]:02d}", f"investment: {zh['investment']}",
                  f"cooperation: [{INVESTSITE_COOP[mode]}]", f"date: {date}",
                  f"contact: {{person: {yaml_str(zh['contact']['name'])}, phone: {yaml_str(zh['contact']['phone'])}, "
                  f"email: {zh['contact']['email']}}}",
                  f"tags: [{', '.join(yaml_str(t) for t in zh['tags'])}]"]
            en = [f"title: {yaml_str(item.title['en'])}"]
        elif item.section == "policies":
            cats = sorted({INVESTSITE_POLICY_CATS[(item.index + j) % len(INVESTSITE_POLICY_CATS)] for j in range(2)})
            fm = [f"title: {yaml_str(item.title['zh'])}", f"issuer: {yaml_str(zh['authority'])}",
                  f"doc_number: {yaml_str(zh['doc_number'])}", f"categories: [{', '.join(cats)}]",
                  f"published: {zh['publish_date']}", f"effective: {zh['effective_date']}",
                  f"expires: {zh['expiry_date']}"]
            en = [f"title: {yaml_str(item.title['en'])}", f"issuer: {yaml_str(item.params['en']['authority'])}"]
        else:
            s = zh["scores"]
            reviews = "\n".join(
                f"  - {{market: {min(100, max(0, round(s['market'] + d)))}, value: {min(100, max(0, round(s['maturity'] + d)))}, "
                f"tech: {min(100, max(0, round(s['innovation'] + d)))}}}" for d in (-3, 0, 2))
            fm = [f"title: {yaml_str(item.title['zh'])}", f"institution: {yaml_str(zh['institution'])}",
                  f"industry: ind-{item.industry[0]:02d}", f"trl: {1 + item.index % 9}", f"registered: {date}",
                  "reviews:\n" + reviews]
            en = [f"title: {yaml_str(item.title['en'])}", f"institution: {yaml_str(item.params['en']['institution'])}"]
        body = {lang: item.body[lang].replace("<!--more-->\n\n", "") for lang in LANGS}
        self.write(f"content/{item.section}/{item.slug}.zh.md", "---\n" + "\n".join(fm) + "\n---\n\n" + body["zh"])
        self.write(f"content/{item.section}/{item.slug}.en.md", "---\n" + "\n".join(en) + "\n---\n\n" + body["en"])


FORMATS = {cls.name: cls for cls in (InvestsiteFormat, HugoFormat, HugoCurrentFormat, ZolaFormat)}


# -------------------------------------------------------------- photos ----

def photo_png(width, height, seed):
    """A PNG of camera-photo size and roughly a camera photo's weight: every row is a
    Paeth-filtered run of small random steps, so the picture is a smooth random texture
    that compresses to about 1.3 bits a sample (a 4000x3000 photo: about 6 MB, like a
    phone's JPEG). Standard library only, hence PNG and not JPEG."""
    import struct
    import zlib
    rng = random.Random(seed)
    # byte -> step: mostly 0, sometimes +1 or -1 (255).
    steps = bytes([0] * 14 + [1] + [255]) * 16
    rows = bytearray()
    for _ in range(height):
        rows.append(4)
        rows += rng.randbytes(width * 3).translate(steps)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 6))
            + chunk(b"IEND", b""))


def add_photos(root, items, count, size, seed):
    """Gives the first `count` projects one photo each (static/photos/), with alt text in
    both languages: the photo-heavy site of docs/performance.md."""
    width, height = size
    projects = [it for it in items if it.section == "projects"][:count]
    os.makedirs(os.path.join(root, "static", "photos"), exist_ok=True)
    for k, item in enumerate(projects):
        name = f"p{k:04d}.png"
        with open(os.path.join(root, "static", "photos", name), "wb") as f:
            f.write(photo_png(width, height, seed * 7919 + k))
        path = os.path.join(root, "content", item.section, f"{item.slug}.zh.md")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        alt = f"{{zh: {yaml_str(item.title['zh'] + '现场照片')}, en: {yaml_str('The site of ' + item.title['en'])}}}"
        text = text.replace("---\n", f"---\nimages:\n  - {{src: /photos/{name}, alt: {alt}}}\n", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return len(projects)

# --------------------------------------------------------------------------


def body_stats(items):
    """CJK characters of zh bodies and words of en bodies (markdown syntax excluded)."""
    cjk = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
    strip = re.compile(r"\([^)]*\)|[#*|\-:\[\]]")
    zh, en = [], []
    for it in items:
        zh.append(len(cjk.findall(it.body["zh"])))
        en.append(len(strip.sub(" ", it.body["en"]).replace("<!--more-->", "").split()))
    return zh, en


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of content items (each has a zh and an en page)")
    ap.add_argument("--tool", required=True, choices=sorted(FORMATS) + ["all"])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", help="site directory (default /tmp/bench/<tool>-<n>); with --tool all, "
                                  "a parent directory receiving <tool>-<n>")
    ap.add_argument("--stats", action="store_true", help="print body length statistics")
    ap.add_argument("--photos", type=int, default=0, metavar="K",
                    help="investsite only: give the first K projects a photo each (static/photos/)")
    ap.add_argument("--photo-size", default="4000x3000", metavar="WxH",
                    help="the photos' size in pixels (default 4000x3000, 12 megapixels)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("n must be >= 1")

    tools = sorted(FORMATS) if args.tool == "all" else [args.tool]
    items = list(corpus(args.n, args.seed))
    for tool in tools:
        if args.out and args.tool != "all":
            root = args.out
        else:
            root = os.path.join(args.out or "/tmp/bench", f"{tool}-{args.n}")
        if os.path.exists(root):
            shutil.rmtree(root)
        fmt = FORMATS[tool](root)
        n = fmt.build(items)
        files = sum(len(f) for _, _, f in os.walk(os.path.join(root, "content")))
        print(f"{tool}: {root}  items={n} content_files={files} seed={args.seed}")
        if args.photos and tool == "investsite":
            size = tuple(int(x) for x in args.photo_size.lower().split("x"))
            k = add_photos(root, items, args.photos, size, args.seed)
            print(f"{tool}: {k} photos of {size[0]}x{size[1]} in {root}/static/photos")
    if args.stats:
        zh, en = body_stats(items)
        for name, xs in (("zh CJK chars", zh), ("en words", en)):
            xs = sorted(xs)
            print(f"{name}: min={xs[0]} median={xs[len(xs) // 2]} max={xs[-1]} mean={sum(xs) / len(xs):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
