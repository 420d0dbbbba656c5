//! Per-stage criterion benchmarks of deboil's pipeline, on pages in six
//! languages and four scripts (Latin: en, de; Cyrillic: ru; CJK: zh, ja;
//! Arabic: ar).
//!
//! ```text
//! cargo bench --bench stages                 # everything (about 4 minutes)
//! cargo bench --bench stages -- features/    # one group
//! cargo bench --bench stages -- /ru          # one language
//! ```
//!
//! Every group reports `Throughput::Bytes` of the *same* input (the whole
//! page text, blank lines and terminators included), so the stages' MB/s
//! compare directly: a stage's share of the pipeline's time is
//! `pipeline MB/s ÷ stage MB/s`.
//!
//! | group | what one iteration does |
//! |---|---|
//! | `lines` | split the input into lines (`deboil::lines::Lines`) |
//! | `key` | build every non-blank line's matching key (`normalize::key_into`) |
//! | `features` | measure every non-blank line (`LineFeatures::measure`) |
//! | `lexicon` | score every non-blank line's words with the shipped forest's word lexicon (`Lexicon::evidence`) |
//! | `match` | `RuleSet::first_match` on every non-blank line (keys and features precomputed) |
//! | `no_rules` | `Cleaner::clean_bytes` with the built-in rules off: streaming, per-line analysis, context passes and decision, emit, without matching |
//! | `pipeline` | `Cleaner::new().clean_bytes`: the whole pipeline |
//! | `startup` | compiling the built-in rules (`RuleSet::compile`, `Cleaner::new`); bytes = the rule data |
//!
//! The context/decision stage is not public on its own: its cost is
//! `no_rules − lines − key − features` (per byte), and `benches/PROFILE.md`
//! has the exact split from callgrind. The inputs are written here (no
//! files are read), so the benches run on a bare clone.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use deboil::Cleaner;
use deboil::features::LineFeatures;
use deboil::lines::{Lines, is_blank, without_terminator};
use deboil::model::{Forest, SHIPPED_FOREST};
use deboil::normalize::key_into;
use deboil::rules::{FAMILIES, LineView, RuleSet};

/// A news page as a naive scraper sees it: menus, breadcrumb, byline,
/// share bar, prose with an ad label, related rail, cookie banner, footer.
const PAGES: &[(&str, &str)] = &[
    ("en", EN),
    ("de", DE),
    ("ru", RU),
    ("zh", ZH),
    ("ja", JA),
    ("ar", AR),
];

const EN: &str = "\
Skip to main content
Home
World
Politics
Business
Technology
Sign in
Subscribe
Home › World › Europe
Poland asks NATO to move more troops east
By Anna Kowalski, Reuters
Published 14 March 2024, 09:41 GMT
5 min read
Share on Facebook
Share on Twitter
Copy link
Speaking with the alliance's Secretary General on Thursday, the president cited the recent relocation of forces near the border and asked for a permanent presence of allied brigades.
\"We are not asking for anything that has not been promised before,\" he told reporters after the meeting, adding that the request had the support of the Baltic states.
Advertisement
Officials in Brussels said the proposal would be discussed at the summit in July, where defence ministers are expected to agree on a new plan for the eastern flank.
Analysts noted that the cost of stationing troops abroad has risen sharply, and that several members have yet to meet the spending target of two percent of economic output.
The government in Warsaw has already doubled its own defence budget since 2022, buying tanks, howitzers and air-defence systems from the United States and South Korea.
Related articles
Baltic states tighten border checks
Germany to send brigade to Lithuania
Most read
We use cookies to improve your experience on our site. By continuing, you agree to our use of cookies.
Accept all
Manage preferences
© 2024 Example News Ltd. All rights reserved.
Privacy Policy
Terms of Use
";

const DE: &str = "\
Zum Inhalt springen
Startseite
Politik
Wirtschaft
Kultur
Sport
Anmelden
Abonnieren
Startseite › Politik › Ausland
Polen fordert mehr NATO-Truppen im Osten
Von Anna Kowalski
Veröffentlicht am 14. März 2024, 09:41 Uhr
Lesezeit: 5 Minuten
Auf Facebook teilen
Auf X teilen
Link kopieren
Bei einem Treffen mit dem Generalsekretär des Bündnisses verwies der Präsident am Donnerstag auf die jüngste Verlegung von Truppen nahe der Grenze und forderte eine dauerhafte Präsenz verbündeter Brigaden.
„Wir verlangen nichts, was nicht schon früher versprochen wurde“, sagte er nach dem Treffen vor Journalisten und fügte hinzu, dass die baltischen Staaten die Forderung unterstützten.
Anzeige
In Brüssel hieß es, der Vorschlag solle beim Gipfel im Juli beraten werden, auf dem sich die Verteidigungsminister auf einen neuen Plan für die Ostflanke einigen wollen.
Fachleute wiesen darauf hin, dass die Kosten für die Stationierung von Soldaten im Ausland stark gestiegen sind und mehrere Mitglieder das Ziel von zwei Prozent der Wirtschaftsleistung noch verfehlen.
Die Regierung in Warschau hat ihren eigenen Verteidigungshaushalt seit 2022 bereits verdoppelt und Panzer, Haubitzen und Luftabwehrsysteme aus den Vereinigten Staaten und Südkorea gekauft.
Mehr zum Thema
Baltische Staaten verschärfen Grenzkontrollen
Deutschland schickt Brigade nach Litauen
Meistgelesen
Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Wenn Sie die Website weiter nutzen, stimmen Sie der Verwendung von Cookies zu.
Alle akzeptieren
Einstellungen verwalten
© 2024 Beispiel Verlag GmbH. Alle Rechte vorbehalten.
Datenschutzerklärung
Impressum
";

const RU: &str = "\
Перейти к содержанию
Главная
Политика
Экономика
Общество
Спорт
Войти
Подписаться
Главная › Мир › Европа
Польша попросила НАТО перебросить больше войск на восток
Автор: Анна Ковальская
Опубликовано 14 марта 2024, 09:41
Время чтения: 5 минут
Поделиться в ВКонтакте
Поделиться в Telegram
Скопировать ссылку
Выступая в четверг вместе с генеральным секретарём альянса, президент сослался на недавнюю переброску сил к границе и попросил о постоянном присутствии союзных бригад.
«Мы не просим ничего, что не было обещано раньше», — сказал он журналистам после встречи, добавив, что просьбу поддерживают страны Балтии.
Реклама
В Брюсселе заявили, что предложение обсудят на саммите в июле, где министры обороны должны согласовать новый план для восточного фланга.
Аналитики отмечают, что расходы на размещение войск за рубежом резко выросли, а несколько членов альянса до сих пор не тратят на оборону двух процентов экономики.
Правительство в Варшаве с 2022 года уже удвоило собственный оборонный бюджет, закупая танки, гаубицы и системы противовоздушной обороны у США и Южной Кореи.
Читайте также
Страны Балтии ужесточили пограничный контроль
Германия отправит бригаду в Литву
Самое читаемое
Мы используем файлы cookie, чтобы сделать сайт удобнее. Продолжая пользоваться сайтом, вы соглашаетесь на их использование.
Принять все
Настроить
© 2024 Пример Медиа. Все права защищены.
Политика конфиденциальности
Пользовательское соглашение
";

const ZH: &str = "\
跳到主要内容
首页
国际
财经
科技
体育
登录
订阅
首页 > 国际 > 欧洲
波兰要求北约向东部增派更多部队
作者：安娜·科瓦尔斯基
发布时间：2024年3月14日 09:41
阅读时间：5分钟
分享到微博
分享到微信
复制链接
波兰总统周四在与北约秘书长会面时提到，近期边境附近的军事调动令人担忧，并要求盟国旅级部队在东部长期驻扎。
他在会后对记者说：“我们所要求的，都是以前已经承诺过的。”他还表示，波罗的海国家支持这一请求。
广告
布鲁塞尔方面表示，这一提议将在七月的峰会上讨论，届时各国国防部长预计将就东翼的新计划达成一致。
分析人士指出，在海外驻军的成本大幅上升，而且仍有若干成员国的国防开支没有达到国内生产总值百分之二的目标。
自2022年以来，华沙政府已将本国国防预算增加一倍，从美国和韩国采购了坦克、榴弹炮和防空系统。
相关阅读
波罗的海国家加强边境检查
德国将向立陶宛派遣一个旅
热门文章
我们使用Cookie来改善您的浏览体验。继续使用本网站即表示您同意我们使用Cookie。
全部接受
管理设置
© 2024 示例新闻 版权所有
隐私政策
使用条款
";

const JA: &str = "\
メインコンテンツへスキップ
ホーム
国際
経済
テクノロジー
スポーツ
ログイン
購読する
ホーム > 国際 > ヨーロッパ
ポーランド、NATOに東部への増派を要請
文：アンナ・コヴァルスカ
2024年3月14日 9時41分
この記事は約5分で読めます
Facebookでシェア
Xでポスト
リンクをコピー
ポーランドの大統領は木曜日、北大西洋条約機構の事務総長と会談し、国境付近での最近の部隊移動に言及したうえで、同盟国の旅団を常駐させるよう求めた。
会談後、大統領は記者団に対し「以前に約束されていなかったことは何も求めていない」と述べ、バルト三国もこの要請を支持していると付け加えた。
広告
ブリュッセルの当局者によると、この提案は7月の首脳会議で協議され、各国の国防相が東側の防衛に関する新たな計画で合意する見通しだ。
専門家は、海外に部隊を駐留させる費用が大幅に増えていることや、国内総生産の2％という国防費の目標をまだ達成していない加盟国があることを指摘している。
ワルシャワの政府は2022年以降、自国の国防予算をすでに倍増させ、米国と韓国から戦車や榴弾砲、防空システムを購入している。
関連記事
バルト三国、国境検査を強化
ドイツ、リトアニアに旅団を派遣へ
よく読まれている記事
当サイトでは、利便性向上のためにCookieを使用しています。サイトを引き続き利用することで、Cookieの使用に同意したものとみなされます。
すべて許可
設定を管理
© 2024 サンプル新聞社 無断転載を禁じます
プライバシーポリシー
利用規約
";

const AR: &str = "\
تخطي إلى المحتوى الرئيسي
الرئيسية
سياسة
اقتصاد
تكنولوجيا
رياضة
تسجيل الدخول
اشترك
الرئيسية › العالم › أوروبا
بولندا تطلب من الناتو نقل مزيد من القوات إلى الشرق
بقلم: آنا كوفالسكي
نُشر في 14 مارس 2024، الساعة 09:41
مدة القراءة: 5 دقائق
شارك على فيسبوك
شارك على تويتر
نسخ الرابط
وخلال لقائه الأمين العام للحلف يوم الخميس، أشار الرئيس إلى عمليات نقل القوات الأخيرة قرب الحدود، وطالب بوجود دائم لألوية الحلفاء في شرق القارة.
وقال للصحفيين بعد الاجتماع: \"نحن لا نطلب شيئًا لم يُوعد به من قبل\"، مضيفًا أن دول البلطيق تدعم هذا الطلب.
إعلان
وقال مسؤولون في بروكسل إن الاقتراح سيُناقش في قمة يوليو، حيث يُتوقع أن يتفق وزراء الدفاع على خطة جديدة للجناح الشرقي.
وأشار محللون إلى أن تكلفة نشر القوات في الخارج ارتفعت بشكل حاد، وأن عدة أعضاء لم يبلغوا بعد هدف إنفاق اثنين في المئة من الناتج الاقتصادي على الدفاع.
وقد ضاعفت الحكومة في وارسو ميزانيتها الدفاعية منذ عام 2022، واشترت دبابات ومدافع هاوتزر وأنظمة دفاع جوي من الولايات المتحدة وكوريا الجنوبية.
مقالات ذات صلة
دول البلطيق تشدد الرقابة على الحدود
ألمانيا ترسل لواء إلى ليتوانيا
الأكثر قراءة
نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا. باستمرارك في التصفح، فإنك توافق على استخدامنا لملفات تعريف الارتباط.
قبول الكل
إدارة التفضيلات
© 2024 أخبار المثال. جميع الحقوق محفوظة.
سياسة الخصوصية
شروط الاستخدام
";

/// Bytes of input per language: enough pages that one iteration is well
/// above timer resolution, small enough to stay in cache.
const INPUT_BYTES: usize = 64 * 1024;

/// `page` repeated to [`INPUT_BYTES`], documents separated by form-feed
/// lines. Every other copy is in the `raw` style of the dev set (indented
/// lines with blank lines between them), the others in the `lines` style.
fn input(page: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(INPUT_BYTES + 2 * page.len());
    let mut copy = 0;
    while out.len() < INPUT_BYTES {
        if copy % 2 == 0 {
            out.extend_from_slice(page.as_bytes());
        } else {
            for line in page.lines() {
                out.extend_from_slice(b"  ");
                out.extend_from_slice(line.as_bytes());
                out.extend_from_slice(b"\n\n");
            }
        }
        out.extend_from_slice(b"\x0c\n");
        copy += 1;
    }
    out
}

/// The trimmed text of every non-blank line (what the pipeline measures and
/// keys), separator lines left out.
fn texts(input: &[u8]) -> Vec<&str> {
    Lines::new(input)
        .filter(|l| !is_blank(l) && without_terminator(l) != b"\x0c")
        .map(|l| {
            std::str::from_utf8(without_terminator(l))
                .expect("UTF-8")
                .trim()
        })
        .collect()
}

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    PAGES
        .iter()
        .map(|&(lang, page)| (lang, input(page)))
        .collect()
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

fn lines(c: &mut Criterion) {
    let mut g = c.benchmark_group("lines");
    for (lang, input) in inputs() {
        let expected = memchr_count(&input);
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(lang), |b| {
            let mut n = 0;
            b.iter(|| {
                n = Lines::new(black_box(&input)).count();
                n
            });
            assert_eq!(n, expected);
        });
    }
    g.finish();
}

fn memchr_count(input: &[u8]) -> usize {
    let newlines = input.iter().filter(|&&b| b == b'\n').count();
    newlines + usize::from(!input.is_empty() && !input.ends_with(b"\n"))
}

/// A group that runs `stage` on every non-blank line of each input and
/// sums what it returns (checked against a first run, so the work is
/// neither skipped nor changed between iterations).
fn per_line(c: &mut Criterion, group: &str, mut stage: impl FnMut(&str) -> usize) {
    let mut g = c.benchmark_group(group);
    for (lang, input) in inputs() {
        let texts = texts(&input);
        let expected: usize = texts.iter().map(|t| stage(t)).sum();
        assert!(expected > 0);
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(lang), |b| {
            let mut total = 0;
            b.iter(|| {
                total = 0;
                for t in &texts {
                    total += stage(black_box(t));
                }
                total
            });
            assert_eq!(total, expected);
        });
    }
    g.finish();
}

fn key(c: &mut Criterion) {
    let mut key = String::new();
    per_line(c, "key", |t| {
        key_into(t.as_bytes(), &mut key);
        key.len()
    });
}

fn features(c: &mut Criterion) {
    per_line(c, "features", |t| {
        LineFeatures::measure(t, false).effective_words() as usize
    });
}

fn lexicon(c: &mut Criterion) {
    let forest = Forest::parse("forest.txt", SHIPPED_FOREST).expect("the shipped forest parses");
    let lexicon = forest.lexicon();
    assert!(!lexicon.is_empty());
    per_line(c, "lexicon", |t| usize::from(lexicon.evidence(t).words));
}

fn matching(c: &mut Criterion) {
    let rules = RuleSet::compile(&[], true).expect("built-in rules compile");
    let mut g = c.benchmark_group("match");
    for (lang, input) in inputs() {
        let texts = texts(&input);
        let prepared: Vec<(&str, String, LineFeatures)> = texts
            .iter()
            .map(|&t| {
                let mut key = String::new();
                key_into(t.as_bytes(), &mut key);
                (t, key, LineFeatures::measure(t, false))
            })
            .collect();
        let views: Vec<LineView<'_>> = prepared
            .iter()
            .map(|(text, key, features)| LineView {
                text,
                key,
                features,
            })
            .collect();
        let expected = views
            .iter()
            .filter(|v| rules.first_match(v).is_some())
            .count();
        // Every page carries residue that some rule knows in its language.
        assert!(
            expected >= 3 * views.len() / 100,
            "{lang}: only {expected} matches"
        );
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(lang), |b| {
            let mut hits = 0;
            b.iter(|| {
                hits = 0;
                for v in &views {
                    hits += usize::from(rules.first_match(black_box(v)).is_some());
                }
                hits
            });
            assert_eq!(hits, expected);
        });
    }
    g.finish();
}

fn cleaning(c: &mut Criterion, group: &str, cleaner: &Cleaner) {
    let mut g = c.benchmark_group(group);
    for (lang, input) in inputs() {
        let expected = cleaner.clean_bytes(&input).len();
        assert!(expected > 0 && expected <= input.len());
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(lang), |b| {
            let mut kept = 0;
            b.iter(|| {
                kept = cleaner.clean_bytes(black_box(&input)).len();
                kept
            });
            assert_eq!(kept, expected);
        });
    }
    g.finish();
}

fn no_rules(c: &mut Criterion) {
    let cleaner = Cleaner::builder()
        .builtin_rules(false)
        .build()
        .expect("a cleaner without rules builds");
    cleaning(c, "no_rules", &cleaner);
}

fn pipeline(c: &mut Criterion) {
    let cleaner = Cleaner::new();
    // The pipeline drops residue: less comes out than goes in.
    for (lang, input) in inputs() {
        let kept = cleaner.clean_bytes(&input).len();
        assert!(kept < input.len(), "{lang}: nothing dropped");
    }
    cleaning(c, "pipeline", &cleaner);
}

fn startup(c: &mut Criterion) {
    let rule_bytes: usize = FAMILIES.iter().map(|f| f.data.len()).sum();
    let mut g = c.benchmark_group("startup");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Bytes(rule_bytes as u64));
    g.bench_function("RuleSet::compile", |b| {
        let mut n = 0;
        b.iter(|| {
            n = RuleSet::compile(&[], black_box(true))
                .expect("compiles")
                .rules()
                .len();
            n
        });
        assert!(n > 0);
    });
    g.bench_function("Cleaner::new", |b| {
        let mut n = 0;
        b.iter(|| {
            n = Cleaner::new().reasons().len();
            n
        });
        assert!(n > 0);
    });
    g.finish();
}

criterion_group! {
    name = stages;
    config = config();
    targets = lines, key, features, lexicon, matching, no_rules, pipeline, startup
}
criterion_main!(stages);
