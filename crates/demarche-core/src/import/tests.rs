//! Import: columns by name in any order, the spreadsheet guard removed,
//! every bad cell reported, references checked against an existing file.

use super::*;

fn csv(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

#[test]
fn columns_in_any_order_make_a_new_file_with_what_it_needs() {
    let bytes = csv(
        "stance,topic,actor,date,source,id,reported_by,evidence,tags,actor_name\n\
         '=SUM(A1) is no formula,fish,eu,2020-03,minutes,eu-1,anna,characterization,quota; cap,European Union\n\
         Wants talks,fish,uk,2020,minutes,uk-1,,,,\n",
    );
    let import = read("rows.csv", &bytes, None).unwrap();
    assert_eq!(import.positions, 2);
    let kinds: Vec<Kind> = import.entries.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Actors,
            Kind::Actors,
            Kind::Actors,
            Kind::Topics,
            Kind::Sources,
            Kind::Positions,
            Kind::Positions
        ]
    );
    let eu = &import.entries[5];
    assert_eq!(eu.get("stance"), Some("=SUM(A1) is no formula"));
    assert!(eu.fields.contains(&(
        "tags".to_string(),
        Field::List(vec!["quota".into(), "cap".into()])
    )));
    assert_eq!(import.entries[0].get("name"), Some("European Union"));
    assert_eq!(import.entries[1].get("role"), Some("observer"), "anna reports");
    let text = crate::edit::add_entries("format = 1\ntitle = \"t\"\n", &import.entries).unwrap();
    let loaded = crate::load::load_str("new.toml", &text).unwrap();
    assert_eq!(loaded.dataset.positions.len(), 2);
}

#[test]
fn every_bad_cell_is_reported_with_its_row_and_column() {
    let bytes = csv("id,actor,topic,date,stance,source,evidence,colour\n\
         a,eu,fish,2020-02-30,x,minutes,quote,red\n\
         a,,fish,2020,x,minutes,qoute,\n");
    let err = read("rows.csv", &bytes, None).unwrap_err().to_string();
    assert!(err.contains("rows.csv:1:8: colour: unknown column"), "{err}");
    // The header alone is reported: rows are read once it is right.
    let bytes = csv("id,actor,topic,date,stance,source,evidence\n\
         a,eu,fish,2020-02-30,x,minutes,quote\n\
         a,,fish,2020,x,minutes,qoute\n");
    let err = read("rows.csv", &bytes, None).unwrap_err().to_string();
    assert!(err.contains("rows.csv:2:4: date:"), "{err}");
    assert!(
        err.contains("rows.csv:3:1: id: \"a\" is already the id of row 2"),
        "{err}"
    );
    assert!(err.contains("rows.csv:3:2: actor: empty"), "{err}");
    assert!(
        err.contains("rows.csv:3:7: evidence: unknown kind \"qoute\" (did you mean \"quote\"?)"),
        "{err}"
    );
    assert!(err.contains("nothing written: 4 problems"), "{err}");
}

#[test]
fn into_an_existing_file_references_must_exist() {
    let data = crate::load::load_bundled().unwrap().dataset;
    let bytes = csv("id,actor,topic,date,stance,source,responds_to\n\
         new-1,chna,espionage-ip-theft,2015,x,segal-2013-sunnylands,new-2\n\
         new-2,china,espionage-ip-theft,2015,x,segal-2013-sunnylands,us-2013-state-responsibility-norm\n");
    let err = read("rows.csv", &bytes, Some(&data)).unwrap_err().to_string();
    assert!(
        err.contains("rows.csv:2:2: actor: \"chna\" is not in the file (did you mean \"china\"?)"),
        "{err}"
    );
    assert!(!err.contains(":3:"), "{err}");
    // An actor or topic the CSV names (with its name) is added.
    let bytes = csv("id,actor,actor_name,topic,topic_name,date,stance,source\n\
         new-1,eu,European Union,espionage-ip-theft,,2015,x,segal-2013-sunnylands\n\
         new-2,china,China,trade,Trade,2015,y,segal-2013-sunnylands\n");
    let import = read("rows.csv", &bytes, Some(&data)).unwrap();
    let kinds: Vec<(Kind, Option<&str>)> = import.entries.iter().map(|e| (e.kind, e.get("id"))).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Actors, Some("eu")),
            (Kind::Topics, Some("trade")),
            (Kind::Positions, Some("new-1")),
            (Kind::Positions, Some("new-2"))
        ]
    );
}
