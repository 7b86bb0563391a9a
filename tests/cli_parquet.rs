//! `--format parquet` under the batch rules of JSON Lines: input order, failed files
//! reported while the others are written, a file only where one was asked for.

mod common;

use std::fs::File;
use std::path::Path;

use arrow_array::{Array, StringArray};
use common::{fixture, rfi_parse, stderr};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// The `source` column of a Parquet file, and its number of row groups.
fn sources(path: &Path) -> (Vec<String>, usize) {
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let groups = builder.metadata().num_row_groups();
    let mut sources = Vec::new();
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        let column = batch.column_by_name("source").unwrap();
        let strings = column.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(strings.null_count(), 0);
        sources.extend(strings.iter().map(|source| source.unwrap().to_string()));
    }
    (sources, groups)
}

#[test]
fn a_folder_with_bad_files_gives_the_good_ones_in_order_and_reports_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.parquet");
    let output = rfi_parse(&[
        "-q",
        "-f",
        "parquet",
        "-o",
        out.to_str().unwrap(),
        &fixture(""),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let reported = stderr(&output);
    assert!(
        reported.contains("errors/empty.txt:1: empty file"),
        "{reported}"
    );

    let jsonl = rfi_parse(&["-q", "-f", "jsonl", &fixture("")]);
    let expected: Vec<String> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["source"].as_str().unwrap().to_string()
        })
        .collect();
    let (written, groups) = sources(&out);
    assert!(expected.len() > 30);
    assert_eq!(
        written, expected,
        "the rows are the JSON Lines' inputs, in order"
    );
    assert_eq!(groups, 1);
}

#[test]
fn parquet_needs_a_file_and_leaves_none_half_written() {
    let output = rfi_parse(&["-f", "parquet", &fixture("rfi-seed.txt")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("give -o FILE"),
        "{}",
        stderr(&output)
    );

    // Nothing found: no file is left behind, not even an empty table.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("m.parquet");
    let output = rfi_parse(&[
        "-q",
        "-f",
        "parquet",
        "-o",
        out.to_str().unwrap(),
        empty.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "only the input folder: {leftovers:?}");
}

#[test]
fn out_dir_writes_one_table_per_input() {
    let dir = tempfile::tempdir().unwrap();
    let output = rfi_parse(&[
        "-q",
        "-f",
        "parquet",
        "--out-dir",
        dir.path().to_str().unwrap(),
        &fixture("rfi-seed.txt"),
        &fixture("generic-bbc.txt"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in ["rfi-seed.parquet", "generic-bbc.parquet"] {
        let (written, _) = sources(&dir.path().join(name));
        assert_eq!(written.len(), 1, "{name}");
        assert!(
            written[0].ends_with(&name.replace("parquet", "txt")),
            "{written:?}"
        );
    }
}

/// With several workers the row groups are encoded on a thread of their own; with one
/// (`-j 1`) on the thread that runs the work. Over more than one row group (2048
/// articles) and a failed input between them, both give the same file, rows in input
/// order.
#[test]
fn several_row_groups_encoded_beside_the_workers_are_those_of_one_thread() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("month");
    std::fs::create_dir(&folder).unwrap();
    let count = 2100;
    for n in 0..count {
        let page = if n == 1500 {
            String::new()
        } else {
            format!(
                "<!--{n}-->\n[Title {n}](https://www.rfi.fr/fr/a-{n})\n------\n\n<p>Text {n}.</p>\n"
            )
        };
        std::fs::write(folder.join(format!("{n:05}.txt")), page).unwrap();
    }
    let write = |threads: &str| {
        let out = dir.path().join(format!("j{threads}.parquet"));
        let output = rfi_parse(&[
            "-q",
            "-j",
            threads,
            "-f",
            "parquet",
            "-o",
            out.to_str().unwrap(),
            folder.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("01500.txt:1: empty file"),
            "{}",
            stderr(&output)
        );
        out
    };
    let (one, three) = (write("1"), write("3"));
    let (written, groups) = sources(&three);
    assert_eq!(groups, 2);
    let expected: Vec<String> = (0..count)
        .filter(|&n| n != 1500)
        .map(|n| format!("{n:05}.txt"))
        .collect();
    let names: Vec<String> = written
        .iter()
        .map(|source| source.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(names, expected);
    assert_eq!(std::fs::read(one).unwrap(), std::fs::read(three).unwrap());
}
