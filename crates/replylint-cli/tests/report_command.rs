//! `replylint report` on the example conversations (docs/examples/conversations.jsonl): the
//! JSON scorecards, the self-contained HTML page, and that page rendered by headless Chromium
//! into build/report/report.png.
//!
//! The Chromium test skips when there is no Chromium, unless REPLYLINT_REQUIRE_CHROMIUM is set
//! (scripts/test sets it after installing Chromium), in which case it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::replylint;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the report command on the example file into `out`; returns report.json.
fn report_into(out: &Path) -> Value {
    let example = root().join("docs/examples/conversations.jsonl");
    replylint()
        .args(["report", "--by", "agent", "--out"])
        .arg(out)
        .arg(&example)
        .assert()
        .success();
    serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap()
}

#[test]
fn the_report_has_a_scorecard_per_agent_and_a_self_contained_page() {
    let dir = tempfile::tempdir().unwrap();
    let json = report_into(dir.path());
    let agents: Vec<&str> = json["scorecards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["agent"].as_str().unwrap())
        .collect();
    assert_eq!(agents, ["james", "liza", "maria", "olga", "reza"]);
    let conversations = json["conversations"].as_array().unwrap();
    assert_eq!(conversations.len(), 12);
    // james answers a complaint with policy and deflection, maria with an apology and a date.
    let card = |name: &str| {
        json["scorecards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["agent"] == name)
            .unwrap()
            .clone()
    };
    let (james, maria) = (card("james"), card("maria"));
    assert!(james["mean_score"].as_f64() < maria["mean_score"].as_f64());
    assert!(james["conversation_findings"]["conversation.no-empathy-after-complaint"].as_u64() >= Some(1));
    assert!(maria["conversation_findings"]
        .get("conversation.no-empathy-after-complaint")
        .is_none());

    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    for agent in agents {
        assert!(html.contains(&format!("<h2>{agent}</h2>")), "{agent}");
    }
    assert!(html.contains("<svg") && html.contains("<mark class=\"warning\""));
    // Nothing is fetched: no scripts, no links, no remote images or fonts.
    for external in ["<script", "<link", "src=", "http://", "https://", "url("] {
        assert!(!html.contains(external), "the page holds {external:?}");
    }
}

#[test]
fn bad_turns_are_an_input_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("turns.jsonl");
    std::fs::write(
        &input,
        "{\"conversation\":\"a\",\"role\":\"customer\",\"text\":\"Hi\"}\n{\"conversation\":\"a\",\"role\":\"bot\",\"text\":\"x\"}\n",
    )
    .unwrap();
    replylint()
        .arg("report")
        .arg(&input)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("turns.jsonl:2: unknown variant `bot`"));
}

#[test]
fn the_html_report_renders_in_headless_chromium() {
    let chromium = std::env::var_os("REPLYLINT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        assert!(
            std::env::var_os("REPLYLINT_REQUIRE_CHROMIUM").is_none(),
            "REPLYLINT_REQUIRE_CHROMIUM is set but there is no {}; install Debian's chromium",
            chromium.display()
        );
        eprintln!("skipped: no {} (scripts/test installs it)", chromium.display());
        return;
    }
    let out = root().join("build/report");
    std::fs::create_dir_all(&out).unwrap();
    report_into(&out);
    let screenshot = out.join("report.png");
    let _ = std::fs::remove_file(&screenshot);
    let profile = tempfile::tempdir().unwrap();
    let page = format!(
        "file://{}",
        out.join("report.html").canonicalize().unwrap().display()
    );
    // Chromium logs D-Bus noise on stderr in containers; show it only when it fails.
    let run = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--hide-scrollbars",
            "--window-size=1280,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "chromium exited with {}:\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    let png = std::fs::read(&screenshot).expect("chromium saved the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 2400));
    // A blank page compresses to a few kilobytes; charts, text and highlights do not.
    assert!(png.len() > 50_000, "screenshot is only {} bytes", png.len());
    eprintln!("screenshot: {}", screenshot.display());
}
