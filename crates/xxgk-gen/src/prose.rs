//! The prose of a generated report, in the wording of real ones: header, introduction with the
//! statistics period, the six sections, the fee statement and the signature.
use crate::render::Block;
use crate::rng::Rng;
use crate::tables::{Punct, Truth, OUTCOME_TOTAL, TOTAL};
use xxgk_model::{SectionKey, TableKey};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub y: i32,
    /// Month, 1–12.
    pub m: u32,
    /// Day of the month.
    pub d: u32,
}

impl Date {
    /// `2024-01-15` when `iso`, else `2024年1月15日`.
    pub fn show(self, iso: bool) -> String {
        if iso {
            format!("{}-{:02}-{:02}", self.y, self.m, self.d)
        } else {
            format!("{}年{}月{}日", self.y, self.m, self.d)
        }
    }
}

/// Whether the issuer is a people's government (its own report) or a department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A department, an office, a bureau: deadline 31 January.
    Department,
    /// A county-or-higher people's government: deadline 31 March.
    Government,
}

/// What a report is about and how it is written; the defects change some of it.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The issuing body.
    pub issuer: String,
    /// How the text refers to itself (我局, 我委 …).
    pub we: String,
    /// Department or government.
    pub level: Level,
    /// The report year Y.
    pub year: i32,
    /// The title's form (0–2).
    pub title_form: u64,
    /// The header's form (0–3).
    pub header_form: u64,
    /// Dates written `2024-01-15` rather than `2024年1月15日`.
    pub iso: bool,
    /// The publication date.
    pub published: Date,
    /// The date under the signature.
    pub signed: Date,
    /// The statistics period: start and end.
    pub period: Option<(Date, Date)>,
    /// Punctuation width.
    pub p: Punct,
    /// The tables.
    pub truth: Truth,
    /// The count of requests the text states (normally table 3's 本年新收 total).
    pub stated_requests: u64,
    /// Paragraph numbers of the fee statement's wording (0–2).
    pub fee_form: u64,
    /// Platform words, training counts and other prose numbers.
    pub numbers: [u64; 6],
    /// What the introduction adds: 0 nothing, 1 the six parts, 2 the format's document number.
    pub intro_form: u64,
    /// The text says no review or lawsuit was filed, whatever table 4 says.
    pub deny_appeals: bool,
}

const CITIES: &[&str] = &[
    "鞍山市",
    "南通市",
    "常德市",
    "遵义市",
    "绵阳市",
    "赣州市",
    "洛阳市",
    "潍坊市",
    "柳州市",
    "宜昌市",
    "湖州市",
    "泉州市",
    "大同市",
    "吉林市",
    "包头市",
    "九江市",
    "岳阳市",
    "德阳市",
];
const DISTRICTS: &[&str] = &[
    "崇川区",
    "鼎城区",
    "汇川区",
    "涪城区",
    "章贡区",
    "西工区",
    "奎文区",
    "城中区",
    "西陵区",
    "吴兴区",
    "鲤城区",
    "平城区",
    "浔阳区",
    "岳阳楼区",
    "旌阳区",
    "铁东区",
];
const DEPARTMENTS: &[(&str, &str)] = &[
    ("教育局", "我局"),
    ("财政局", "我局"),
    ("自然资源和规划局", "我局"),
    ("市场监督管理局", "我局"),
    ("卫生健康委员会", "我委"),
    ("交通运输局", "我局"),
    ("司法局", "我局"),
    ("民政局", "我局"),
    ("人力资源和社会保障局", "我局"),
    ("住房和城乡建设局", "我局"),
    ("生态环境局", "我局"),
    ("水利局", "我局"),
    ("农业农村局", "我局"),
    ("商务局", "我局"),
    ("文化广电旅游局", "我局"),
    ("应急管理局", "我局"),
    ("统计局", "我局"),
    ("医疗保障局", "我局"),
    ("工业和信息化局", "我局"),
    ("发展和改革委员会", "我委"),
    ("人民政府办公室", "我办"),
];

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A random date in `year` between (m0, d0) and (m1, d1) inclusive.
pub fn date_between(rng: &mut Rng, year: i32, from: (u32, u32), to: (u32, u32)) -> Date {
    let m = rng.range(from.0 as u64, to.0 as u64) as u32;
    let lo = if m == from.0 { from.1 } else { 1 };
    let hi = if m == to.0 { to.1 } else { days_in(year, m) };
    Date { y: year, m, d: rng.range(lo as u64, hi as u64) as u32 }
}

/// First and last characters of the generated county names (鞍化县 …), after the cities and
/// districts: with them a corpus names [`BODIES`] bodies before a name comes back.
const COUNTY_HEADS: [&str; 30] = [
    "安", "宁", "平", "兴", "永", "长", "新", "清", "临", "德", "福", "泰", "嘉", "昌", "丰", "顺", "广",
    "阳", "东", "西", "南", "北", "云", "华", "金", "玉", "龙", "凤", "桃", "石",
];
const COUNTY_TAILS: [&str; 30] = [
    "化", "远", "川", "山", "江", "城", "和", "源", "乐", "溪", "水", "林", "原", "河", "湖", "桥", "陵",
    "泉", "台", "口", "岭", "峰", "湾", "浦", "谷", "田", "坪", "塘", "岗", "州",
];
/// Places: the cities, the districts, then the counties.
const PLACES: usize = CITIES.len() + DISTRICTS.len() + COUNTY_HEADS.len() * COUNTY_TAILS.len();
/// One body in this many is a people's government; the others are departments.
const GOVERNMENT_EVERY: u64 = 8;
/// Bodies with distinct names: every place's government, and its departments.
pub const BODIES: u64 = PLACES as u64 * GOVERNMENT_EVERY;

fn place(i: usize) -> String {
    let i = i % PLACES;
    if i < CITIES.len() {
        return CITIES[i].to_string();
    }
    if i < CITIES.len() + DISTRICTS.len() {
        return DISTRICTS[i - CITIES.len()].to_string();
    }
    let c = i - CITIES.len() - DISTRICTS.len();
    format!("{}{}县", COUNTY_HEADS[c % COUNTY_HEADS.len()], COUNTY_TAILS[c / COUNTY_HEADS.len()])
}

/// Who publishes: the issuer's name, how it names itself in a sentence, its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The name, as the title prints it.
    pub issuer: String,
    /// How a department names itself (我局); a government uses its name.
    pub we: String,
    /// Government or department.
    pub level: Level,
}

impl Body {
    /// Body number `n` of a corpus: distinct names for the first [`BODIES`] numbers (one
    /// government in [`GOVERNMENT_EVERY`], each place's government and departments in turn).
    pub fn nth(n: u64) -> Body {
        let n = n % BODIES;
        if n.is_multiple_of(GOVERNMENT_EVERY) {
            let issuer = format!("{}人民政府", place((n / GOVERNMENT_EVERY) as usize));
            return Body { issuer, we: "本级政府".to_string(), level: Level::Government };
        }
        // The departments' own numbers 0, 1, … and each place's departments in turn.
        let d = (n - n / GOVERNMENT_EVERY - 1) as usize;
        let (dept, we) = DEPARTMENTS[(d / PLACES) % DEPARTMENTS.len()];
        Body { issuer: format!("{}{dept}", place(d)), we: we.to_string(), level: Level::Department }
    }
}

impl Ctx {
    /// A random context around `truth`, for `body`'s report of `year`.
    pub fn random(rng: &mut Rng, truth: Truth, body: Body, year: i32) -> Ctx {
        let Body { issuer, we, level } = body;
        let last = if level == Level::Government { (3, 31) } else { (1, 31) };
        let published = date_between(rng, year + 1, (1, 5), last);
        let back = rng.range(0, 4) as u32;
        let signed = if published.d > back { Date { d: published.d - back, ..published } } else { published };
        let new_total = truth.t3[0][TOTAL].unwrap_or(0);
        Ctx {
            issuer,
            we,
            level,
            year,
            title_form: rng.range(0, 2),
            header_form: rng.range(0, 3),
            iso: rng.chance(60),
            published,
            signed,
            period: Some((Date { y: year, m: 1, d: 1 }, Date { y: year, m: 12, d: 31 })),
            p: Punct { full: rng.chance(55) },
            truth,
            stated_requests: new_total,
            fee_form: rng.range(0, 2),
            intro_form: rng.range(0, 2),
            deny_appeals: false,
            numbers: [
                rng.range(80, 2500),
                rng.range(2, 30),
                rng.range(1, 6),
                rng.range(10, 90),
                rng.range(1, 12),
                rng.range(0, 3),
            ],
        }
    }

    /// The report's title.
    pub fn title(&self) -> String {
        let (y, i) = (self.year, &self.issuer);
        match self.title_form {
            0 => format!("{i}{y}年政府信息公开工作年度报告"),
            1 => format!("{y}年度{i}政府信息公开工作报告"),
            _ => format!("{i}{y}年度政府信息公开工作年度报告"),
        }
    }

    /// The publication date as the header prints it, with its label.
    pub fn published_field(&self) -> String {
        let label = if self.header_form == 1 { "发布日期" } else { "发布时间" };
        format!("{label}{}{}", self.p.colon(), self.published.show(self.iso))
    }

    /// The sentence stating the statistics period.
    pub fn period_sentence(&self) -> Option<String> {
        let (a, b) = self.period?;
        let show = |d: Date| format!("{}年{}月{}日", d.y, d.m, d.d);
        Some(format!("本报告所列数据统计期限为{}至{}。", show(a), show(b)))
    }

    /// The fee statement of section 六.
    pub fn fee_statement(&self) -> String {
        match self.fee_form {
            0 => "本年度未收取信息处理费。".to_string(),
            1 => format!("{}年度，{}未收取政府信息公开信息处理费。", self.year, self.subject()),
            _ => "依据《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费。".to_string(),
        }
    }

    /// How the body names itself as a sentence subject.
    pub fn subject(&self) -> &str {
        if self.level == Level::Government {
            &self.issuer
        } else {
            &self.we
        }
    }
}

/// A document: blocks before the sections, the six sections (heading first), and after.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Title, header line, introduction.
    pub head: Vec<Block>,
    /// The sections in print order, each with its heading as its first block.
    pub sections: Vec<(SectionKey, Vec<Block>)>,
    /// Signature and page furniture.
    pub tail: Vec<Block>,
    /// The whole text printed twice.
    pub twice: bool,
}

impl Doc {
    /// Every block in print order.
    pub fn blocks(&self) -> Vec<Block> {
        let mut v: Vec<Block> = self.head.clone();
        for (_, s) in &self.sections {
            v.extend(s.iter().cloned());
        }
        v.extend(self.tail.iter().cloned());
        if self.twice {
            let again = v.clone();
            v.extend(again);
        }
        v
    }

    /// The blocks of section `key`.
    pub fn section_mut(&mut self, key: SectionKey) -> Option<&mut Vec<Block>> {
        self.sections.iter_mut().find(|(k, _)| *k == key).map(|(_, b)| b)
    }
}

/// The six parts as an introduction lists them.
pub const PARTS: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议和行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

fn para(s: impl Into<String>) -> Block {
    Block::Para(s.into())
}

/// The heading of section `key` as reports print it.
pub fn heading(key: SectionKey) -> String {
    format!("{}、{}", key.number(), key.canonical_title())
}

/// Write the document for `cx`.
pub fn document(cx: &Ctx, rng: &mut Rng) -> Doc {
    let p = cx.p;
    let (y, iss, we) = (cx.year, cx.issuer.as_str(), cx.subject());
    let c = p.colon();
    let mut head = Vec::new();
    match cx.header_form {
        0 => {
            head.push(para(cx.title()));
            head.push(para(format!("信息来源{c}{iss} {}", cx.published_field())));
        }
        1 => {
            head.push(para(format!("发布机构{c}{iss} 成文日期{c}{}", cx.signed.show(cx.iso))));
            head.push(para(cx.title()));
            head.push(para(cx.published_field()));
        }
        _ => {
            head.push(para(cx.title()));
            head.push(para(cx.published_field()));
        }
    }
    let mut intro = format!(
        "根据《中华人民共和国政府信息公开条例》{}规定，现公布{iss}{y}年政府信息公开工作年度报告。",
        p.paren("以下简称《条例》")
    );
    match cx.intro_form {
        1 => intro.push_str(&format!("本报告包括{}六个部分。", PARTS.join("、"))),
        2 => intro.push_str("本报告按照国办公开办函〔2021〕30号规定的格式编制。"),
        _ => {}
    }
    if let Some(s) = cx.period_sentence() {
        intro.push_str(&s);
    }
    intro.push_str("如对本报告有疑问，请与本机关政务公开工作机构联系。");
    head.push(para(intro));

    let n = cx.numbers;
    let t = &cx.truth;
    // A body words its report otherwise each year (one of three wordings, by the year), so
    // consecutive years of a series are not copies of each other (XG702). Only the 监督保障
    // paragraph speaks of 监督, 考核 or 培训 (XG106 reads them as that subtopic).
    let v = (y - crate::FIRST_YEAR).rem_euclid(3);
    let mut s1 = vec![para(heading(SectionKey::Overview))];
    s1.push(para(match v {
        0 => format!("{y}年，{we}深入贯彻落实《条例》和上级关于政务公开工作的部署要求，坚持以公开为常态、不公开为例外，扎实推进政府信息公开各项工作。"),
        1 => format!("{y}年，{we}认真贯彻执行《条例》，围绕中心工作和群众关切，持续提升政务公开标准化规范化水平，政府信息公开工作取得新进展。"),
        _ => format!("{y}年，{we}以《条例》为遵循，把政务公开作为转变政府职能、建设法治政府的重要抓手，着力增强公开实效，更好满足人民群众对政府信息的需求。"),
    }));
    s1.push(para(format!("{}主动公开情况", p.paren("一"))));
    let (all, policies, news) = (n[0], n[1], n[0] - n[1]);
    s1.push(para(match v {
        0 => format!("全年通过政府门户网站和政务新媒体主动公开政府信息{all}条，其中政策文件{policies}条，工作动态和通知公告{news}条。"),
        1 => format!("本年度依托门户网站、政务微信公众号等渠道主动公开政府信息{all}条，其中发布政策文件{policies}条，发布工作动态、通知公告等{news}条，做到应公开尽公开。"),
        _ => format!("聚焦重点领域信息公开，全年累计主动公开政府信息{all}条。按类别分，政策文件{policies}条，工作动态和通知公告{news}条，公开内容更加全面及时。"),
    }));
    s1.push(para(format!("{}依申请公开情况", p.paren("二"))));
    let req = if cx.stated_requests == 0 {
        format!("{y}年，{we}未收到政府信息公开申请。")
    } else {
        format!("{y}年，{we}共收到政府信息公开申请{}件，均在法定期限内依法答复。", cx.stated_requests)
    };
    let review: u64 = t.t4[0][4].unwrap_or(0);
    let suits: u64 = t.t4[1][4].unwrap_or(0) + t.t4[2][4].unwrap_or(0);
    let appeals = if review + suits == 0 || cx.deny_appeals {
        "全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。".to_string()
    } else {
        format!("全年因政府信息公开工作被申请行政复议{review}件，被提起行政诉讼{suits}件。")
    };
    s1.push(para(format!("{req}{appeals}")));
    s1.push(para(format!("{}政府信息管理情况", p.paren("三"))));
    // Each wording keeps 健全 and 不予公开 (the wording defect's words).
    s1.push(para(match v {
        0 => "进一步健全政府信息公开审查机制，严格落实信息发布“三审三校”制度，动态更新政府信息公开目录和公开指南，对不予公开的申请均依法说明理由。",
        1 => "健全完善政府信息公开工作制度，落实公开属性源头认定机制，定期开展政府信息公开目录清理，对依法不予公开的信息严格审核把关。",
        _ => "按照“谁制作、谁公开”原则，健全信息发布保密审查流程，及时调整政府信息公开指南，对不予公开的事项依法依规作出答复并说明理由。",
    }));
    s1.push(para(format!("{}政府信息公开平台建设情况", p.paren("四"))));
    let relaunch = format!("{}年{}月", y - 1 - (n[5] as i32), n[4]);
    s1.push(para(match v {
        0 => format!("持续加强政府网站和政务新媒体建设管理，自{relaunch}完成网站升级改版以来，网站运行安全稳定，检索、互动功能不断优化。"),
        1 => format!("加强政府信息公开平台建设，门户网站自{relaunch}改版上线后运行平稳，本年度进一步完善政策文件库和智能检索功能，提升用户体验。"),
        _ => format!("统筹推进政务新媒体规范管理，门户网站于{relaunch}完成集约化迁移，全年网站安全运行无事故，留言办理、在线访谈等互动渠道畅通。"),
    }));
    s1.push(para(format!("{}监督保障情况", p.paren("五"))));
    let (trainings, trainees) = (n[2], n[3]);
    s1.push(para(match v {
        0 => format!("将政务公开工作纳入年度目标考核，明确专人负责，全年组织政务公开业务培训{trainings}次，参训人员{trainees}人次，并主动接受社会监督。"),
        1 => format!("建立政务公开工作责任制，压实各科室公开责任，本年度举办政务公开专题培训{trainings}期、累计培训{trainees}人次，不断提升业务水平。"),
        _ => format!("强化政务公开监督考核，把公开工作情况纳入绩效评价，全年开展业务培训{trainings}次，覆盖工作人员{trainees}人次，自觉接受社会各界监督。"),
    }));
    if cx.level == Level::Government {
        s1.push(para(format!("{}年度政务公开工作考核、社会评议和责任追究情况", p.paren("六"))));
        s1.push(para(
            "组织开展政务公开工作考核，考核结果纳入政府绩效评估；通过政府网站开展社会评议，群众满意度较高；全年未发生政务公开责任追究情况。",
        ));
    }
    let s2 = vec![para(heading(SectionKey::Proactive)), Block::Table(TableKey::Proactive)];
    let s3 = vec![para(heading(SectionKey::Requests)), Block::Table(TableKey::Requests)];
    let s4 = vec![para(heading(SectionKey::Appeals)), Block::Table(TableKey::Appeals)];
    let s5 = vec![
        para(heading(SectionKey::Problems)),
        para(match v {
            0 => format!("{y}年，{we}政府信息公开工作取得了一定成效，但仍存在一些不足：一是公开内容的深度和广度有待拓展；二是政策解读形式还不够丰富；三是工作人员业务能力有待提升。"),
            1 => format!("{y}年，{we}政府信息公开工作虽有进步，但对照新要求仍有差距：一是部分领域信息公开不够及时；二是依申请公开办理的规范化程度有待提高；三是基层公开工作力量较为薄弱。"),
            _ => format!("{y}年，{we}政务公开工作中还存在一些问题：一是政策解读的针对性和可读性不强；二是政务新媒体内容更新不够及时；三是公开工作与业务工作融合不够。"),
        }),
        // Each wording keeps "{Y+1}年，…将" and 一是加强主动公开 (the defects' places).
        para(match v {
            0 => format!("{}年，{we}将针对上述问题加以改进：一是加强主动公开，拓展公开内容；二是丰富图解、问答等解读形式；三是加强业务培训，提升队伍能力。", y + 1),
            1 => format!("{}年，{we}将着力抓好以下工作：一是加强主动公开，及时发布重点领域信息；二是规范依申请公开办理流程，严格答复审核；三是充实基层工作力量，加强工作指导。", y + 1),
            _ => format!("{}年，{we}将从三方面加以改进：一是加强主动公开，提升政策解读质量；二是加强政务新媒体日常管理；三是推动公开工作与业务工作深度融合。", y + 1),
        }),
    ];
    let mut s6 = vec![para(heading(SectionKey::Other)), para(cx.fee_statement())];
    if rng.chance(40) {
        s6.push(para("无其他需要报告的事项。"));
    }
    let tail = vec![para(iss.to_string()), para(cx.signed.show(false))];
    Doc {
        head,
        sections: vec![
            (SectionKey::Overview, s1),
            (SectionKey::Proactive, s2),
            (SectionKey::Requests, s3),
            (SectionKey::Appeals, s4),
            (SectionKey::Problems, s5),
            (SectionKey::Other, s6),
        ],
        tail,
        twice: false,
    }
}

/// Table 3's 本年新收 total and （七）总计 as the prose would cite them.
pub fn request_counts(t: &Truth) -> (u64, u64) {
    (t.t3[0][TOTAL].unwrap_or(0), t.t3[OUTCOME_TOTAL][TOTAL].unwrap_or(0))
}
