//! Open data: JSON per language that validates against its published JSON Schema, and the
//! same rows as CSV for Excel.

use crate::common::Site;
use serde_json::Value;

fn built(name: &str) -> &'static Site {
    crate::common::built(name)
}

fn json(s: &Site, path: &str) -> Value {
    serde_json::from_str(&s.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn validate(s: &Site, data: &str, schema: &str) {
    let schema = json(s, schema);
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let doc = json(s, data);
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{data}: {errors:#?}");
}

#[test]
fn every_dataset_validates_against_its_schema_in_every_language() {
    for fixture in ["basic", "pool", "events"] {
        let s = built(fixture);
        for lang in ["", "en/"] {
            for name in ["projects", "policies", "results"] {
                validate(s, &format!("{lang}data/{name}.json"), &format!("data/schema/v1/{name}.schema.json"));
            }
        }
    }
}

#[test]
fn a_broken_document_fails_the_schema() {
    // The schema is strict enough to catch a float amount or a missing field.
    let s = built("basic");
    let schema = json(s, "data/schema/v1/projects.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut doc = json(s, "data/projects.json");
    doc["items"][0]["investment"]["amount"] = serde_json::json!(1.25e9);
    assert!(!validator.is_valid(&doc));
    let mut doc = json(s, "data/projects.json");
    doc["items"][0].as_object_mut().unwrap().remove("region");
    assert!(!validator.is_valid(&doc));
}

#[test]
fn projects_carry_exact_amounts_and_per_language_names() {
    let s = built("basic");
    let en = json(s, "en/data/projects.json");
    assert_eq!(en["schema_version"], "1.0");
    assert_eq!(en["language"], "en");
    assert_eq!(en["count"], 3);
    let copper = en["items"].as_array().unwrap().iter().find(|i| i["id"] == "projects/copper-foil").unwrap();
    assert_eq!(copper["investment"]["amount"], "1250000000");
    assert_eq!(copper["investment"]["currency"], "CNY");
    assert_eq!(copper["investment"]["text"], "CNY 1.25 billion");
    assert_eq!(copper["chain"]["name"], "Non-ferrous metals");
    assert_eq!(copper["land"]["hectares"], "20");
    assert_eq!(copper["url"], "https://example.cn/en/projects/copper-foil/");
    assert_eq!(copper["status"], "open");
    let zh = json(s, "data/projects.json");
    let copper_zh = zh["items"].as_array().unwrap().iter().find(|i| i["id"] == "projects/copper-foil").unwrap();
    assert_eq!(copper_zh["chain"]["name"], "有色金属");
    assert_eq!(copper_zh["investment"]["text"], "12.5亿元");
    let old = en["items"].as_array().unwrap().iter().find(|i| i["id"] == "projects/old-plant").unwrap();
    assert_eq!(old["status"], "closed");
    assert_eq!(old["translated"], false);
}

#[test]
fn results_dataset_is_the_pool_in_rank_order() {
    let s = built("pool");
    let en = json(s, "en/data/results.json");
    let ids: Vec<&str> = en["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["results/top", "results/tie-a"]);
    assert_eq!(en["items"][1]["scores"]["composite"], "8.40");
}

#[test]
fn csv_opens_in_excel_with_the_same_rows() {
    let s = built("basic");
    let csv = s.read("data/projects.csv");
    assert!(csv.starts_with("\u{feff}id,url,title,code,chain,region,park,investment_amount,"), "{}", &csv[..80]);
    assert!(csv.contains("\r\n"));
    assert_eq!(csv.lines().count(), 1 + 3);
    assert!(csv.contains("projects/copper-foil,https://example.cn/projects/copper-foil/,年产5万吨高性能电解铜箔项目,T-2026-001,有色金属,测试市,测试高新技术产业开发区,1250000000,CNY,12.5亿元,joint-venture; equity,"));
    let policies = s.read("en/data/policies.csv");
    assert!(policies.contains("policies/old-rule"));
    assert!(policies.contains(",expired,"));
}
