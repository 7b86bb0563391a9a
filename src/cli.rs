//! Command-line arguments (clap derive), turned into the runtime configuration.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use rfi_parse::{Format, ParseOptions, ProfileName, TextEncoding, Zone};

use crate::batch::walk::Pattern;
use crate::batch::{Config as BatchConfig, Destination, ErrorFormat};
use crate::lint::Rule;

/// Parse archived news articles (RFI and other full-text feeds) into JSON, JSON Lines,
/// Markdown or plain text.
#[derive(Debug, Parser)]
#[command(
    name = "rfi-parse",
    version,
    about,
    max_term_width = 100,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub convert: ConvertArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse every input and report problems, for gating CI on a corpus.
    Check(Box<CheckArgs>),
    /// Show where every block of one file's body went (paragraph, caption, byline,
    /// dropped…) and the name of the rule that sent it there, and which profile read it.
    Explain(Box<ExplainArgs>),
    /// Print the JSON Schema (draft 2020-12) of one output object.
    Schema,
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `rfi-parse man > rfi-parse.1`.
    Man,
}

/// How each input is read: shared by conversion, `check` and `explain`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadArgs {
    /// Time zone of times printed without a UTC offset, for every source (an IANA name);
    /// by default each source's own (its profile's), and none for a source no profile knows.
    #[arg(long, value_name = "ZONE",
          value_parser = Named::<Zone>::new(rfi_parse::zone_names), hide_possible_values = true)]
    pub tz: Option<Zone>,

    /// The inputs' encoding, as a WHATWG label (`gb18030`, `big5`, `utf-8`…); by default
    /// it is detected: a byte-order mark, UTF-8, or a CJK encoding.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<TextEncoding>,

    /// Read every body with this source profile (`rfi`, `cna`, `dw`…, or `default`, the
    /// careful default for unknown sources) instead of the one its host or markup names.
    #[arg(long, value_name = "NAME",
          value_parser = Named::<ProfileName>::new(rfi_parse::profile_names))]
    pub profile: Option<ProfileName>,

    /// The largest input read, in bytes (suffixes K, M, G: 1024-based).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_size: u64,
}

impl ReadArgs {
    /// The parse options asked for: each value was read once, by its type, when the
    /// arguments were parsed.
    pub fn parse_options(&self) -> ParseOptions {
        let mut options = ParseOptions::new();
        if let Some(zone) = self.tz {
            options = options.zone(zone);
        }
        if let Some(encoding) = self.encoding {
            options = options.encoding(encoding);
        }
        if let Some(profile) = self.profile {
            options = options.profile(profile);
        }
        options
    }
}

/// Which inputs to read, and how: shared by conversion and `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Archive files or folders (walked recursively, sorted); `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Read more input paths from FILE (`-` for standard input), one per line.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// With --files-from: paths are separated by NUL, as `find -print0` writes them.
    #[arg(short = '0', long = "null", requires = "files_from")]
    pub null: bool,

    /// Which files to take from folders: a glob on the file name (`*.txt`, `[a-c]*`,
    /// `*.{txt,html}`), or on the path below the folder when it holds a `/`.
    /// Default: `*.txt`, or in a Jekyll `_posts` folder every post Jekyll builds
    /// (`*.{html,md,markdown,mkdown,mkdn,mkd}`).
    #[arg(long, value_name = "GLOB", value_parser = parse_pattern)]
    pub pattern: Option<Pattern>,

    /// Worker threads (default: all cores; at most 256).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,

    /// No progress bar and no summary.
    #[arg(short, long, conflicts_with = "stats")]
    pub quiet: bool,

    /// Print the summary line even when standard error is not a terminal.
    #[arg(long)]
    pub stats: bool,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Json)]
    pub format: FormatArg,

    /// Write one file per input below DIR, mirroring the input folders.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out_dir: Option<PathBuf>,

    /// With --out-dir: convert only inputs whose output is missing, or was made from
    /// another size, time or content of the input, by another version or with other
    /// options (a post's site time zone included); standard input is always converted.
    #[arg(long, requires = "out_dir")]
    pub update: bool,

    /// With --out-dir: remove the outputs that no input of this run makes (as
    /// `rsync --delete`), only when they still hold what this tool wrote; without it they
    /// are only counted in the summary.
    #[arg(long, requires = "out_dir")]
    pub delete: bool,

    /// Keep one article per URL, or per text, across the inputs: the latest collected
    /// (greatest timestamp); the others are left out and counted.
    #[arg(long, value_enum, value_name = "KEY")]
    pub dedupe: Option<Dedupe>,

    /// Write all output to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// How failed inputs are reported on standard error.
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = ReportFormat::Human)]
    pub error_format: ReportFormat,

    /// Stop at the first input that fails.
    #[arg(long)]
    pub fail_fast: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Report format: a summary and the findings grouped by level, or one JSON document.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Every finding on a line of its own (`FILE:LINE: level[id]: message`), notes too,
    /// instead of grouped by rule and repeated text.
    #[arg(long)]
    pub per_file: bool,

    /// Make warnings fail the check too (exit status 1); notes never fail it.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,

    /// Silence a rule by its id (repeatable); `rfi-parse check --list-rules` names them.
    #[arg(long, value_name = "ID", value_enum, hide_possible_values = true)]
    pub allow: Vec<Rule>,

    /// repeated-text: the fewest files of one site a text must recur in.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub repeated_min_files: usize,

    /// repeated-text: the smallest share of a site's files, in percent, a text must
    /// recur in.
    #[arg(long, value_name = "PERCENT", default_value_t = 2.0, value_parser = share)]
    pub repeated_min_share: f64,

    /// List the rules, with their ids and severities, and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// `explain` reads one file, and its help says so: [`ReadArgs`]' help in the singular
/// (`mut_args` keeps the arguments' order, which `mut_arg` would change in completions).
#[derive(Debug, clap::Args)]
#[command(mut_args(|arg| match arg.get_id().as_str() {
    "encoding" => arg.help("The input's encoding, as a WHATWG label; by default it is detected"),
    "profile" => arg.help(
        "Read the body with this source profile instead of the one its host or markup names",
    ),
    _ => arg,
}))]
pub struct ExplainArgs {
    /// The archive file (or Jekyll post) to explain; `-` reads standard input.
    #[arg(value_name = "FILE", required_unless_present = "list_rules")]
    pub file: Option<PathBuf>,

    /// Report format: a line per decision, or one JSON object per line (`text`, `to`,
    /// `rule`, `stage`), the profile's choice first.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    #[command(flatten)]
    pub read: ReadArgs,

    /// List the rules of each stage, in the order they run, and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// A value read by its type's `FromStr`, whose known names clap offers to shell
/// completions (profiles for `--profile`, IANA zones for `--tz`).
#[derive(Clone)]
struct Named<T> {
    names: fn() -> Vec<&'static str>,
    read: std::marker::PhantomData<fn() -> T>,
}

impl<T> Named<T> {
    fn new(names: fn() -> Vec<&'static str>) -> Self {
        Self {
            names,
            read: std::marker::PhantomData,
        }
    }
}

impl<T> clap::builder::TypedValueParser for Named<T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::fmt::Display,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        text.parse().map_err(|error: T::Err| {
            let name = arg.map_or_else(|| "...".to_string(), ToString::to_string);
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid value '{text}' for '{name}': {error}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.names)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// A percentage from 0 to 100.
fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if (0.0..=100.0).contains(&value) => Ok(value),
        _ => Err(format!("{text:?} is no percentage from 0 to 100")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Json,
    Jsonl,
    #[value(alias = "md")]
    Markdown,
    #[value(alias = "txt")]
    Text,
    /// One Parquet table (with `-o FILE`), or one file per input (with `--out-dir`).
    #[cfg(feature = "parquet")]
    Parquet,
}

/// What makes two articles the same for `--dedupe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dedupe {
    /// The same URL (articles without one are all kept).
    Url,
    /// The same lead and paragraphs.
    Content,
}

/// How a report (failures, findings, the summary) is written: for people, or as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

fn parse_size(text: &str) -> Result<u64, String> {
    let (number, unit) = match text.trim().char_indices().last() {
        Some((at, c)) if c.is_ascii_alphabetic() => (&text.trim()[..at], c.to_ascii_uppercase()),
        _ => (text.trim(), 'B'),
    };
    let scale: u64 = match unit {
        'B' => 1,
        'K' => 1 << 10,
        'M' => 1 << 20,
        'G' => 1 << 30,
        _ => return Err(format!("unknown size unit in {text:?} (use K, M or G)")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("not a size: {text:?} (for example 64M)"))
}

fn parse_pattern(glob: &str) -> Result<Pattern, String> {
    Pattern::new(glob).map_err(|error| error.to_string())
}

/// The most worker threads `-j` accepts.
const MAX_THREADS: usize = 256;

/// Where the inputs come from, as the arguments describe them.
#[derive(Debug, Clone)]
pub struct InputConfig {
    pub paths: Vec<PathBuf>,
    pub files_from: Option<PathBuf>,
    pub null: bool,
    /// The pattern given; `None` takes the default for each folder.
    pub pattern: Option<Pattern>,
    /// The pattern as given, for messages.
    pub pattern_glob: String,
    pub threads: usize,
    pub max_size: u64,
    pub parse: ParseOptions,
    pub quiet: bool,
    /// Whether the summary is printed: on a terminal, or asked for with `--stats`.
    pub stats: bool,
    /// A folder never walked into (the output folder).
    pub skip: Option<PathBuf>,
    /// Several inputs are named (a list, or more than one path); one path may still be a
    /// folder ([`InputConfig::expects_many`]).
    pub several_named: bool,
}

/// Which of the standard streams are terminals, probed once by `main`: the translation of
/// arguments does no I/O of its own.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminals {
    pub stdin: bool,
    pub stderr: bool,
}

impl Terminals {
    pub fn probe() -> Self {
        use std::io::IsTerminal;
        Self {
            stdin: std::io::stdin().is_terminal(),
            stderr: std::io::stderr().is_terminal(),
        }
    }
}

impl InputConfig {
    /// Whether several inputs may follow (not exactly one file or standard input): asks
    /// the file system whether a lone path is a folder, so it is called when the run
    /// starts, not while arguments are translated.
    pub fn expects_many(&self) -> bool {
        self.several_named || self.paths.first().is_some_and(|path| path.is_dir())
    }

    pub fn from_args(args: InputArgs, terminals: Terminals) -> Result<Self> {
        let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
        if reads_stdin
            && args
                .files_from
                .as_deref()
                .is_some_and(|p| p.as_os_str() == "-")
        {
            bail!("`-` and `--files-from -` cannot both read standard input");
        }
        let mut paths = args.paths;
        if paths.is_empty() && args.files_from.is_none() {
            // Waiting for a person to type an archive is never what they meant.
            if terminals.stdin {
                bail!(
                    "no input: name a FILE or folder, or pipe an archive into standard input (see --help)"
                );
            }
            paths.push(PathBuf::from("-"));
        }
        let several_named = args.files_from.is_some() || paths.len() != 1;
        let threads = match args.threads {
            Some(0) => bail!("-j/--threads must be at least 1"),
            // Each worker costs a thread and a share of the reorder window; beyond a few
            // per core they only add switching.
            Some(n) if n > MAX_THREADS => {
                bail!(
                    "-j/--threads is at most {MAX_THREADS} (this machine has {} cores)",
                    std::thread::available_parallelism().map_or(1, usize::from)
                )
            }
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        Ok(Self {
            paths,
            files_from: args.files_from,
            null: args.null,
            pattern_glob: args
                .pattern
                .as_ref()
                .map_or("*.txt (posts in _posts)", Pattern::glob)
                .to_string(),
            pattern: args.pattern,
            threads,
            max_size: args.read.max_size,
            parse: args.read.parse_options(),
            quiet: args.quiet,
            stats: !args.quiet && (args.stats || terminals.stderr),
            skip: None,
            several_named,
        })
    }
}

/// The runtime configuration of a conversion.
#[derive(Debug, Clone)]
pub struct ConvertConfig {
    pub input: InputConfig,
    pub batch: BatchConfig,
    pub output: Option<PathBuf>,
    /// Skip inputs whose output below `--out-dir` is up to date.
    pub update: bool,
    /// Remove outputs whose input is gone.
    pub delete: bool,
    pub dedupe: Option<Dedupe>,
}

impl ConvertConfig {
    pub fn from_args(args: ConvertArgs, terminals: Terminals) -> Result<Self> {
        let mut input = InputConfig::from_args(args.input, terminals)?;
        let destination = match args.out_dir {
            Some(dir) => {
                input.skip = Some(dir.clone());
                Destination::OutDir(dir)
            }
            None => Destination::Stream,
        };
        let format = match args.format {
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::JsonLines,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Text => Format::Text,
            #[cfg(feature = "parquet")]
            FormatArg::Parquet => {
                if destination == Destination::Stream && args.output.is_none() {
                    bail!(
                        "--format parquet writes a binary file: give -o FILE, or --out-dir DIR for one file per input"
                    );
                }
                Format::Parquet
            }
        };
        Ok(Self {
            batch: BatchConfig {
                format,
                parse: input.parse,
                // Set when the run starts (`expects_many` looks at the file system).
                many: false,
                destination,
                fail_fast: args.fail_fast,
                max_size: input.max_size,
                warn_lossy: !input.quiet,
                site_zones: Default::default(),
                stamp_key: format!("dedupe {:?}", args.dedupe),
                error_format: match args.error_format {
                    ReportFormat::Human => ErrorFormat::Human,
                    ReportFormat::Json => ErrorFormat::Json,
                },
            },
            input,
            output: args.output,
            update: args.update,
            delete: args.delete,
            dedupe: args.dedupe,
        })
    }
}
