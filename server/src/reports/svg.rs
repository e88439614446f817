//! Charts as SVG, drawn on the server: the staff bundle carries no chart library (the page is
//! a few `<img>`s). A chart is lines or grouped bars over labelled points; the y axis starts
//! at zero with round steps; every point carries its exact value as a tooltip (`<title>`), so a
//! figure on a chart can always be read exactly. Pixel positions are floats; the values are
//! integers (counts, or fen shown as yuan) and are never rounded for display.

use std::fmt::Write;

use app::domain::Fen;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// Integer fen, shown as yuan.
    Fen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Lines,
    Bars,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub unit: Unit,
    pub shape: Shape,
    /// Said where there is nothing to draw.
    pub empty: &'static str,
}

const W: f64 = 720.0;
const H: f64 = 360.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 78.0;
/// Colour-blind safe (Okabe–Ito).
const COLOURS: [&str; 6] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
/// At most this many x labels are written (a year of months fits whole).
const MAX_LABELS: usize = 13;

/// The smallest step of 1, 2 or 5 × 10ⁿ with which four steps reach `max`.
pub fn nice_step(max: i64) -> i64 {
    let rough = (max.max(1) + 3) / 4;
    let mut magnitude = 1i64;
    while magnitude.saturating_mul(10) <= rough {
        magnitude *= 10;
    }
    [1, 2, 5, 10].into_iter().map(|m| m * magnitude).find(|s| *s >= rough).unwrap_or(10 * magnitude)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A value as the chart says it: a count with thousands separators, or yuan.
pub fn say(unit: Unit, v: i64) -> String {
    match unit {
        Unit::Count => thousands(v),
        Unit::Fen => format!("{} 元", Fen(v).yuan()),
    }
}

fn thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    if v < 0 { format!("-{out}") } else { out }
}

/// The axis label of a tick: money in whole yuan (ticks are round).
fn tick_label(unit: Unit, v: i64) -> String {
    match unit {
        Unit::Count => say(Unit::Count, v),
        Unit::Fen => say(Unit::Count, v / 100),
    }
}

pub fn render(c: &Chart) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" font-family="sans-serif" font-size="12"><title>{}</title><rect width="{W}" height="{H}" fill="#fff"/><text x="{LEFT}" y="22" font-size="15" font-weight="bold">{}</text>"##,
        escape(&c.title),
        escape(&c.title)
    );
    let n = c.labels.len();
    let max = c.series.iter().flat_map(|s| s.values.iter().copied()).max().unwrap_or(0).max(0);
    if n == 0 || c.series.is_empty() || max == 0 {
        let _ = write!(s, r##"<text x="{}" y="{}" text-anchor="middle" fill="#555">{}</text></svg>"##, W / 2.0, H / 2.0, escape(c.empty));
        return s;
    }
    // Money's steps are whole yuan.
    let step = match c.unit {
        Unit::Count => nice_step(max),
        Unit::Fen => nice_step((max + 99) / 100) * 100,
    };
    let top = step * ((max + step - 1) / step).max(1);
    let (plot_w, plot_h) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let y = |v: i64| TOP + plot_h - plot_h * (v.max(0) as f64) / (top as f64);
    let slot = plot_w / n as f64;
    let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let mut tick = 0;
    while tick <= top {
        let yy = y(tick);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            tick_label(c.unit, tick)
        );
        tick += step;
    }
    if c.unit == Unit::Fen {
        let _ = write!(s, r##"<text x="8" y="{}">元</text>"##, TOP - 8.0);
    }
    let every = n.div_ceil(MAX_LABELS);
    for (i, label) in c.labels.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let _ = write!(s, r##"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"##, x(i), TOP + plot_h + 16.0, escape(label));
    }
    let _ = write!(s, r##"<line x1="{LEFT}" x2="{}" y1="{:.1}" y2="{:.1}" stroke="#333"/>"##, W - RIGHT, TOP + plot_h, TOP + plot_h);
    let groups = c.series.len() as f64;
    for (k, series) in c.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let tip = |i: usize, v: i64| format!("{} {}: {}", escape(&c.labels[i]), escape(&series.name), say(c.unit, v));
        match c.shape {
            Shape::Lines => {
                let points: Vec<String> = series.values.iter().take(n).enumerate().map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v))).collect();
                let _ = write!(s, r##"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"##, points.join(" "));
                for (i, v) in series.values.iter().take(n).enumerate() {
                    let _ = write!(s, r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{}</title></circle>"##, x(i), y(*v), tip(i, *v));
                }
            }
            Shape::Bars => {
                let width = (slot * 0.8 / groups).max(1.0);
                for (i, v) in series.values.iter().take(n).enumerate() {
                    let left = x(i) - slot * 0.4 + width * k as f64;
                    let (yy, base) = (y(*v), y(0));
                    let _ = write!(s, r##"<rect x="{left:.1}" y="{yy:.1}" width="{width:.1}" height="{:.1}" fill="{colour}"><title>{}</title></rect>"##, base - yy, tip(i, *v));
                }
            }
        }
        // The legend, one row under the axis.
        let lx = LEFT + 150.0 * k as f64;
        let ly = H - 20.0;
        let _ = write!(s, r##"<rect x="{lx}" y="{}" width="12" height="12" fill="{colour}"/><text x="{}" y="{ly}">{}</text>"##, ly - 10.0, lx + 16.0, escape(&series.name));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(shape: Shape, values: Vec<i64>) -> Chart {
        Chart {
            title: "参保人数 <测试> & co".into(),
            labels: (1..=values.len()).map(|m| format!("2026-{m:02}")).collect(),
            series: vec![Series { name: "养老保险".into(), values }],
            unit: Unit::Count,
            shape,
            empty: "暂无数据 / No data",
        }
    }

    #[test]
    fn steps_are_round_and_reach_the_maximum() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(100), 50);
        assert_eq!(nice_step(1_000_000), 500_000);
        assert_eq!(nice_step(1_000_001), 500_000);
        for max in [1, 3, 9, 17, 99, 101, 12_345, 987_654_321] {
            let step = nice_step(max);
            assert!(step * 4 >= max && step <= max, "{max}: {step}");
        }
    }

    #[test]
    fn every_point_is_drawn_with_its_exact_value() {
        let svg = render(&chart(Shape::Lines, vec![1200, 1234, 0]));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("2026-02 养老保险: 1,234</title>"), "{svg}");
        assert!(svg.contains("&lt;测试&gt; &amp; co"), "text is escaped");
        let bars = render(&chart(Shape::Bars, vec![5, 0, 9]));
        assert_eq!(bars.matches("<rect x=").count(), 3 + 1, "three bars and a legend key");
    }

    #[test]
    fn money_is_exact_yuan_and_nothing_to_draw_is_said() {
        let mut c = chart(Shape::Lines, vec![123_456_789]);
        c.unit = Unit::Fen;
        let svg = render(&c);
        assert!(svg.contains("1,234,567.89 元</title>"), "{svg}");
        let empty = render(&chart(Shape::Lines, vec![0, 0]));
        assert!(empty.contains("暂无数据 / No data") && !empty.contains("<circle"));
    }
}
