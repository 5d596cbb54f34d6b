//! The records that extraction produces and the store writes: one `Extraction` per article.
//!
//! Everything here is plain data with byte offsets into the article body. Entities are
//! article-local (indexed by position in `Extraction::entities`); the store maps them onto
//! database-wide identities.

use chrono::NaiveDate;
use serde::Serialize;

/// A parsed article: the publication date from its header (if any), title and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Publication date from the `date YYYY-MM-DD` header or `--date`; `None` when unknown.
    pub published: Option<NaiveDate>,
    /// First paragraph (the headline when the article has one), whitespace collapsed.
    pub title: String,
    /// The article text after the date header; every offset in an `Extraction` points here.
    pub body: String,
}

/// A half-open byte range `[start, end)` into the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The text this span covers in `body`.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What kind of named entity a record is; stored as lower-case text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }
}

/// One entity of an article under its fullest name, with the other forms the article uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    /// The fullest name the article gives ("Hosseinali Darvishi Motevalli").
    pub name: String,
    /// Other surface forms seen in the article ("Darvishi"); never pronouns or titles.
    pub aliases: Vec<String>,
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Index into `Extraction::entities`.
    pub entity: usize,
    /// Index into `Extraction::sentences`.
    pub sentence: usize,
    pub span: Span,
}

/// A title or function the article gives a person ("Consul General of Iran in Guangzhou").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    /// Index into `Extraction::entities` (a person).
    pub entity: usize,
    /// The title as written, without "former" ("Consul General of Iran in Guangzhou").
    pub title: String,
    /// The organization or place the role belongs to, when the text says ("Iran").
    pub affiliation: Option<String>,
    /// Whether the text calls the role former ("former Iranian Foreign Minister").
    pub former: bool,
}

/// Whether a statement is quoted or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Direct,
    Indirect,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
        }
    }
}

/// How the text names a statement's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerBasis {
    /// The full name ("Jane Smith said").
    Name,
    /// A shorter or other form of the name ("Smith said", "Ms. Smith said").
    Alias,
    /// The title of a role the article gives the speaker ("the consul general said").
    Title,
    /// A description that refers back to the speaker ("the company said", "the
    /// 70-year-old said").
    Description,
    /// A pronoun ("she said").
    Pronoun,
}

impl SpeakerBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerBasis::Name => "name",
            SpeakerBasis::Alias => "alias",
            SpeakerBasis::Title => "title",
            SpeakerBasis::Description => "description",
            SpeakerBasis::Pronoun => "pronoun",
        }
    }
}

/// How precise a normalized date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Interval,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
            Granularity::Interval => "interval",
        }
    }
}

/// A normalized date or period: inclusive first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub granularity: Granularity,
}

/// A date or time expression found in the text, normalized against the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    pub sentence: usize,
    pub span: Span,
    pub range: DateRange,
}

/// Something an article attributes to a speaker, quoted or reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// Index into `Extraction::entities`; `None` when the article does not say who.
    pub speaker: Option<usize>,
    /// How the text names the speaker; `None` exactly when `speaker` is.
    pub speaker_basis: Option<SpeakerBasis>,
    pub kind: StatementKind,
    /// The speech verb or phrase ("said", "according to"), lower case.
    pub cue: Option<String>,
    /// The content without quotation marks or attribution.
    pub span: Span,
    /// First and last sentence (indexes into `Extraction::sentences`) the content spans.
    pub sentences: (usize, usize),
    /// When it was said, where the text places it; `None` means the publication date.
    pub said: Option<DateRange>,
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Money,
    Count,
    Percent,
    Quantity,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Count => "count",
            FigureKind::Percent => "percent",
            FigureKind::Quantity => "quantity",
        }
    }
}

/// A numeric fact: value in base units, unit, and what it measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub sentence: usize,
    /// The figure as written ("around 4.3 billion USD" is `approximate` + "4.3 billion USD").
    pub span: Span,
    /// Value in base units: 4.3 billion -> 4300000000; 12% -> 12.
    pub value: f64,
    /// ISO 4217 code for money, "%" for percentages, else the counted noun in singular
    /// lower case ("student"), or "" when there is none.
    pub unit: String,
    pub kind: FigureKind,
    /// The qualifier when the number is approximate ("around", "more than").
    pub approximate: Option<String>,
    /// What the figure measures ("Iran's export to China"), when the sentence says.
    pub subject: Option<String>,
    /// The period or date the figure holds for, where the sentence gives one.
    pub period: Option<DateRange>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// Sentence spans in body order.
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub roles: Vec<Role>,
    pub statements: Vec<Statement>,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateMention>,
}

/// The ISO 4217 currency codes dossier's figures use: every code the figure grammar
/// writes (from symbols, prefixes, names and codes in the text) and the code queries
/// accept. The one home of the list; `ingest::figures::lexicon` reads it.
pub const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "RUB",
    "BRL", "MXN", "ZAR", "KRW", "SEK", "NOK", "DKK", "PLN", "TRY", "IRR", "SAR", "AED", "ILS",
    "EGP", "NGN", "KES", "PKR", "IDR", "MYR", "THB", "PHP", "VND", "TWD", "ARS", "CLP", "COP",
    "UAH", "CZK", "HUF", "BDT", "LKR", "QAR", "KWD", "JMD", "ZWL",
];

/// Whether `code` is an ISO 4217 currency code that dossier's figures use.
pub fn is_currency_code(code: &str) -> bool {
    CURRENCY_CODES.contains(&code)
}
