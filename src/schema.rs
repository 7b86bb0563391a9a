//! The JSON Schema of one output object, generated from the `Article` type.
//!
//! Versioning: [`SCHEMA_VERSION`] counts breaking changes to the output (a field renamed,
//! retyped or removed) and is part of the schema's `$id`. Fields added later leave it
//! as it is, since consumers must ignore fields they do not know.

use schemars::Schema;

use rfi_parse::Article;

/// The output's schema version; it changes only when a field is renamed, retyped or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON Schema (draft 2020-12) of one `Article` as `rfi-parse` writes it.
pub fn article_schema() -> Schema {
    let mut schema = schemars::schema_for!(Article);
    // `source` is the writer's, not the article's: the first member of batch output.
    if let Some(properties) = schema
        .get_mut("properties")
        .and_then(|properties| properties.as_object_mut())
    {
        properties.insert(
            "source".into(),
            serde_json::json!({
                "description": "The input path, set only in batch output (JSON Lines, JSON arrays).",
                "type": ["string", "null"],
            }),
        );
    }
    #[cfg(feature = "parquet")]
    schema.insert("x-parquet".into(), parquet_columns());
    schema.insert(
        "$id".into(),
        format!("urn:rfi-parse:article:v{SCHEMA_VERSION}").into(),
    );
    schema.insert(
        "description".into(),
        format!(
            "One article as rfi-parse {} writes it (`source` only in batch output). \
             Schema version {SCHEMA_VERSION}: it changes only when a field is renamed, retyped or removed.",
            env!("CARGO_PKG_VERSION")
        )
        .into(),
    );
    schema
}

/// The Parquet output's columns beside the JSON Schema (an annotation JSON Schema
/// validators ignore): each column's Arrow type and whether it may be null, read from
/// the writer's own schema so that the two cannot differ.
#[cfg(feature = "parquet")]
fn parquet_columns() -> serde_json::Value {
    let columns: Vec<serde_json::Value> = rfi_parse::parquet_schema()
        .fields()
        .iter()
        .map(|field| {
            serde_json::json!({
                "name": field.name(),
                "type": field.data_type().to_string(),
                "nullable": field.is_nullable(),
            })
        })
        .collect();
    serde_json::json!({
        "description": format!(
            "The columns of `--format parquet`, one row per article, in this order: the JSON fields \
             with `timestamp` and `published` as UTC instants, `published_date` as a date, and \
             `{}` (the UTC offset printed with `published`, in minutes) added.",
            rfi_parse::PUBLISHED_OFFSET_COLUMN
        ),
        "columns": columns,
    })
}
